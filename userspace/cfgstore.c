// SPDX-License-Identifier: GPL-2.0
/*
 * Commit history on disk, the serialised commit, `commit confirmed` and the
 * boot-time restore (see cfgstore.h for the layout).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cfgstore.h"
#include "cfgtext.h"
#include "util.h"

/*
 * The configuration is per network namespace: a namespace other than the
 * initial one keeps its history in BASE/netns-INODE (not restored at boot:
 * the inode changes).
 */
const char *store_dir(void)
{
	static char *dir;
	const char *d = getenv("SRXFLOW_STATE_DIR");
	struct stat self, init;

	if (dir)
		return dir;
	if (!d || !*d)
		d = "/var/lib/srxflow";
	if (!stat("/proc/self/ns/net", &self) && !stat("/proc/1/ns/net", &init) &&
	    self.st_ino != init.st_ino)
		dir = xasprintf("%s/netns-%lu", d, (unsigned long)self.st_ino);
	else
		dir = xstrdup(d);
	return dir;
}

static char *spath(const char *name)
{
	return xasprintf("%s/%s", store_dir(), name);
}

static int mkdirs(void)
{
	char *c = spath("commits"), *base = xstrdup(store_dir()), *sl;
	int ret = 0;

	/* the base of a netns-INODE directory first */
	sl = strrchr(base, '/');
	if (sl && !strncmp(sl + 1, "netns-", 6)) {
		*sl = '\0';
		if (mkdir(base, 0750) && errno != EEXIST)
			ret = -1;
	}
	if (!ret && ((mkdir(store_dir(), 0750) && errno != EEXIST) ||
		     (mkdir(c, 0750) && errno != EEXIST)))
		ret = -1;
	free(base);
	free(c);
	return ret;
}

static int store_lock(void)
{
	char *p;
	int fd;

	if (mkdirs())
		return -1;
	p = spath("lock");
	fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
	if (fd >= 0 && flock(fd, LOCK_EX)) {
		close(fd);
		fd = -1;
	}
	free(p);
	return fd;
}

static void store_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}

/* --- the commit files ---------------------------------------------------------- */
static int seq_cmp(const void *a, const void *b)
{
	unsigned int x = *(const unsigned int *)a, y = *(const unsigned int *)b;

	return x < y ? 1 : x > y ? -1 : 0;	/* newest first */
}

/* sequence numbers of the commit files, newest first */
static int list_seqs(unsigned int **out)
{
	char *p = spath("commits");
	DIR *d = opendir(p);
	struct dirent *e;
	unsigned int *v = NULL;
	int n = 0, cap = 0;

	free(p);
	*out = NULL;
	if (!d)
		return 0;
	while ((e = readdir(d))) {
		unsigned int s;
		char tail[8];

		if (sscanf(e->d_name, "%u.con%1s", &s, tail) != 2 || strcmp(tail, "f") ||
		    strlen(e->d_name) != 13)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			v = xrealloc(v, sizeof(*v) * (size_t)cap);
		}
		v[n++] = s;
	}
	closedir(d);
	qsort(v, (size_t)n, sizeof(*v), seq_cmp);
	*out = v;
	return n;
}

static char *commit_file(unsigned int seq)
{
	return xasprintf("%s/commits/%08u.conf", store_dir(), seq);
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	struct sbuf b = { 0 };
	char buf[8192];
	size_t n;

	if (!f)
		return NULL;
	sb_puts(&b, "");
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		buf[n] = '\0';
		if (memchr(buf, '\0', n)) {
			fclose(f);
			sb_free(&b);
			errno = EINVAL;
			return NULL;
		}
		sb_puts(&b, buf);
	}
	fclose(f);
	return b.s;
}

static void parse_meta(const char *text, struct commit_info *ci)
{
	const char *p = text;

	while (*p) {
		size_t len = strcspn(p, "\n");

		if (!strncmp(p, "#@ ", 3)) {
			const char *k = p + 3, *v = memchr(k, ' ', len - 3);
			int vl;

			if (v) {
				vl = (int)(p + len - v - 1);
				if (!strncmp(k, "time ", 5))
					ci->time = (time_t)strtoll(v + 1, NULL, 10);
				else if (!strncmp(k, "user ", 5))
					snprintf(ci->user, sizeof(ci->user), "%.*s", vl, v + 1);
				else if (!strncmp(k, "via ", 4))
					snprintf(ci->via, sizeof(ci->via), "%.*s", vl, v + 1);
				else if (!strncmp(k, "comment ", 8))
					snprintf(ci->comment, sizeof(ci->comment), "%.*s", vl, v + 1);
				else if (!strncmp(k, "meta ", 5))
					ci->meta = v[1] == '1';
				else if (!strncmp(k, "generation ", 11))
					ci->generation = strtoull(v + 1, NULL, 10);
			}
		}
		p += len + (p[len] == '\n');
	}
}

static int load_seq(unsigned int seq, struct cnode **tree, struct commit_info *ci,
		    char *err, size_t errsz)
{
	char *path = commit_file(seq), *text = read_file(path);
	struct ctext t = { 0 };
	struct stmt_err serr;
	struct cnode *root;
	int i, ret = -1;

	if (!text) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	if (ci) {
		memset(ci, 0, sizeof(*ci));
		ci->seq = seq;
		parse_meta(text, ci);
	}
	root = ctree_new();
	if (ctext_parse(text, path, &t, err, errsz))
		goto out;
	for (i = 0; i < t.n; i++)
		if (ctext_apply(root, &t.v[i], CTEXT_MERGE, &serr)) {
			snprintf(err, errsz, "%s:%d: %s", path, t.v[i].line, serr.msg);
			goto out;
		}
	ret = 0;
	*tree = root;
	root = NULL;
out:
	ctree_free(root);
	ctext_free(&t);
	free(text);
	free(path);
	return ret;
}

/* header of one commit file */
static void read_info(unsigned int seq, struct commit_info *ci)
{
	char *path = commit_file(seq);
	FILE *f = fopen(path, "r");
	char line[1024];
	struct sbuf b = { 0 };

	memset(ci, 0, sizeof(*ci));
	ci->seq = seq;
	sb_puts(&b, "");
	/* the metadata is at the top */
	while (f && fgets(line, sizeof(line), f) && line[0] == '#')
		sb_puts(&b, line);
	if (f)
		fclose(f);
	parse_meta(b.s, ci);
	sb_free(&b);
	free(path);
}

/* the newest commit's header: 1, or 0 if there is none */
static int newest_info(struct commit_info *ci)
{
	unsigned int *seqs;
	int ns = list_seqs(&seqs);

	if (ns)
		read_info(seqs[0], ci);
	free(seqs);
	return ns > 0;
}

/* `restored`: "SEQ GEN" of the last restore; the generation if SEQ matches */
static unsigned long long restored_generation(unsigned int seq)
{
	char *p = xasprintf("%s/restored", store_dir()), *t = read_file(p);
	unsigned long long gen = 0;
	unsigned int s;

	if (!t || sscanf(t, "%u %llu", &s, &gen) != 2 || s != seq)
		gen = ~0ULL;
	free(t);
	free(p);
	return gen;
}

int store_history(struct commit_info **out, int *n)
{
	unsigned int *seqs;
	struct commit_info *v;
	int ns = list_seqs(&seqs), i;

	if (ns > STORE_KEEP)
		ns = STORE_KEEP;
	v = xcalloc((size_t)ns + 1, sizeof(*v));
	for (i = 0; i < ns; i++)
		read_info(seqs[i], &v[i]);
	free(seqs);
	*out = v;
	*n = ns;
	return 0;
}

int store_load(int n, struct cnode **tree, struct commit_info *ci, char *err, size_t errsz)
{
	unsigned int *seqs;
	int ns = list_seqs(&seqs), ret;

	if (n < 0 || n >= ns || n >= STORE_KEEP) {
		snprintf(err, errsz, "rollback %d: no such commit (%d in the history)", n,
			 ns < STORE_KEEP ? ns : STORE_KEEP);
		free(seqs);
		return -1;
	}
	ret = load_seq(seqs[n], tree, ci, err, errsz);
	free(seqs);
	return ret;
}

static void fmt_time(time_t t, char *buf, size_t size)
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%d %H:%M:%S %Z", &tm);
}

void store_print_history(FILE *f)
{
	struct commit_info *v;
	int n, i;

	store_history(&v, &n);
	for (i = 0; i < n; i++) {
		char t[64];

		fmt_time(v[i].time, t, sizeof(t));
		fprintf(f, "%-4d%s by %s via %s\n", i, t, v[i].user, v[i].via);
		if (v[i].comment[0])
			fprintf(f, "    %s\n", v[i].comment);
	}
	free(v);
}

/* test hook: pause between writing the new file and renaming it */
static void test_pause(void)
{
	const char *s = getenv("SRXFLOW_TEST_PAUSE_BEFORE_RENAME");

	if (s && atoi(s) > 0) {
		fprintf(stderr, "srxflow: test: pausing %s s before rename\n", s);
		sleep((unsigned int)atoi(s));
	}
}

static const char *user_name(void)
{
	const char *u = getenv("SUDO_USER");
	struct passwd *pw;

	if (u && *u)
		return u;
	pw = getpwuid(getuid());
	return pw ? pw->pw_name : "root";
}

static int fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), r;

	if (fd < 0)
		return -1;
	r = fsync(fd);
	close(fd);
	return r;
}

/* write a new commit file; returns its sequence number or 0 */
static unsigned int write_commit(const struct cnode *tree, const char *via, const char *comment,
				 uint64_t gen)
{
	static char obuf[1 << 20];
	unsigned int *seqs, seq;
	char *dir = spath("commits"), *tmp, *final = NULL, t[64];
	int ns = list_seqs(&seqs), fd, i;
	time_t now = time(NULL);
	FILE *f;
	DIR *d;
	struct dirent *e;

	seq = ns ? seqs[0] + 1 : 1;
	/* temporary files a killed commit left behind */
	d = opendir(dir);
	while (d && (e = readdir(d)))
		if (!strncmp(e->d_name, ".tmp-", 5)) {
			char *p = xasprintf("%s/%s", dir, e->d_name);

			unlink(p);
			free(p);
		}
	if (d)
		closedir(d);
	tmp = xasprintf("%s/.tmp-%d", dir, (int)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
	f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f)
		goto fail;
	setvbuf(f, obuf, _IOFBF, sizeof(obuf));
	fmt_time(now, t, sizeof(t));
	fprintf(f, "## Last commit: %s by %s\n", t, user_name());
	fprintf(f, "#@ time %lld\n#@ user %s\n#@ via %s\n", (long long)now, user_name(), via);
	if (comment && *comment)
		fprintf(f, "#@ comment %s\n", comment);
	fprintf(f, "#@ generation %llu\n#@ meta %d\n", (unsigned long long)gen,
		ctree_has_meta(tree));
	ctext_print(f, tree, 0);
	if (fflush(f) || ferror(f) || fsync(fd)) {
		fclose(f);
		goto fail;
	}
	if (fclose(f))
		goto fail;
	test_pause();
	final = commit_file(seq);
	if (rename(tmp, final))
		goto fail;
	fsync_dir(dir);
	/* keep the newest STORE_KEEP */
	for (i = STORE_KEEP - 1; i < ns; i++) {
		char *old = commit_file(seqs[i]);

		unlink(old);
		free(old);
	}
	free(seqs);
	free(tmp);
	free(final);
	free(dir);
	return seq;
fail:
	fprintf(stderr, "srxflow: warning: saving the commit in %s: %s\n", dir, strerror(errno));
	unlink(tmp);
	free(seqs);
	free(tmp);
	free(final);
	free(dir);
	return 0;
}

/* --- running configuration ------------------------------------------------------ */
int store_running(struct nl *nl, struct cnode **tree, uint64_t *gen, bool *from_store)
{
	struct cnode *k = NULL, *h = NULL, *act;
	char err[600];
	int r = config_read(nl, &k, gen);

	struct commit_info hist;
	int nh;

	if (from_store)
		*from_store = false;
	if (r)
		return r;
	/*
	 * Without inactive statements and annotations the kernel's copy is
	 * the whole configuration: the saved one is not read (and the
	 * `## Last commit` line is shown if the generation is the one saved).
	 */
	nh = newest_info(&hist);
	if (!nh || !hist.meta) {
		if (from_store)
			*from_store = nh && (hist.generation == *gen ||
					     restored_generation(hist.seq) == *gen);
		*tree = k;
		return 0;
	}
	if (!store_load(0, &h, NULL, err, sizeof(err))) {
		char *a, *b;

		act = ctree_clone(h, true);
		a = ctree_set_text(act);
		b = ctree_set_text(k);
		if (!strcmp(a, b)) {
			ctree_free(k);
			k = h;
			h = NULL;
			if (from_store)
				*from_store = true;
		}
		free(a);
		free(b);
		ctree_free(act);
		ctree_free(h);
	}
	*tree = k;
	return 0;
}

/* --- commit confirmed --------------------------------------------------------------- */
struct confirm {
	unsigned int seq, restore_seq;
	long long deadline;
};

static bool confirm_read(struct confirm *c)
{
	char *p = spath("confirm"), *t = read_file(p);
	bool ok = t && sscanf(t, "%u %lld %u", &c->seq, &c->deadline, &c->restore_seq) == 3;

	free(t);
	free(p);
	return ok;
}

static int confirm_write(const struct confirm *c)
{
	char *p = spath("confirm"), *tmp = spath(".confirm.tmp");
	FILE *f = fopen(tmp, "w");
	int ret = -1;

	if (f) {
		fprintf(f, "%u %lld %u\n", c->seq, c->deadline, c->restore_seq);
		if (!fflush(f) && !fsync(fileno(f)) && !fclose(f))
			ret = rename(tmp, p);
		else
			fclose(f);
	}
	free(p);
	free(tmp);
	return ret;
}

static void confirm_clear(void)
{
	char *p = spath("confirm");

	unlink(p);
	free(p);
}

bool store_confirm_pending(unsigned int *seq, time_t *deadline)
{
	struct confirm c;

	if (!confirm_read(&c))
		return false;
	if (seq)
		*seq = c.seq;
	if (deadline)
		*deadline = (time_t)c.deadline;
	return true;
}

/* seconds in a `commit confirmed` minute (tests shorten it) */
static unsigned int minute_seconds(void)
{
	const char *s = getenv("SRXFLOW_CONFIRM_MINUTE_SECONDS");

	return s && atoi(s) > 0 ? (unsigned int)atoi(s) : 60;
}

static void spawn_timer(unsigned int seq)
{
	pid_t pid = fork();

	if (pid < 0) {
		fprintf(stderr, "srxflow: warning: cannot start the commit confirmed timer: %s\n",
			strerror(errno));
		return;
	}
	if (pid) {
		waitpid(pid, NULL, 0);
		return;
	}
	/* child: a new session, then a grandchild that outlives the terminal */
	setsid();
	if (fork())
		_exit(0);
	{
		char s[16];
		int fd = open("/dev/null", O_RDWR);

		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
			if (fd > 2)
				close(fd);
		}
		signal(SIGHUP, SIG_IGN);
		snprintf(s, sizeof(s), "%u", seq);
		execl("/proc/self/exe", "srxflow", "__confirm-timer", s, (char *)NULL);
		_exit(127);
	}
}

/* --- commit ----------------------------------------------------------------------------- */
static int do_commit(struct nl *nl, const struct cnode *cand, uint64_t base_gen,
		     const struct commit_opts *o, uint64_t *new_gen, struct commit_err *cerr)
{
	/* the kernel gets the active statements only */
	struct cnode *act = ctree_has_meta(cand) ? ctree_clone(cand, true) : NULL;
	const struct cnode *commit = act ? act : cand;
	uint64_t cur = 0;
	int err;

	memset(cerr, 0, sizeof(*cerr));
	err = config_generation(nl, &cur);
	if (err) {
		cerr->err = err;
		snprintf(cerr->msg, sizeof(cerr->msg), "reading the generation: %s", strerror(-err));
		ctree_free(act);
		return err;
	}
	if (!o->any_generation && cur != base_gen) {
		cerr->err = -EAGAIN;
		snprintf(cerr->msg, sizeof(cerr->msg),
			 "configuration changed since it was read (generation %llu, now %llu)",
			 (unsigned long long)base_gen, (unsigned long long)cur);
		ctree_free(act);
		return -EAGAIN;
	}
	err = config_commit(nl, commit, cur, o->check_only, new_gen, cerr);
	ctree_free(act);
	return err;
}

int store_commit(struct nl *nl, const struct cnode *cand, uint64_t base_gen,
		 const struct commit_opts *o, uint64_t *new_gen, struct commit_err *cerr)
{
	struct confirm pend, c = { 0 };
	bool pending;
	char via[160];
	unsigned int seq;
	uint64_t gen = 0;
	int lock, err, lock_errno;

	if (o->check_only)
		return do_commit(nl, cand, base_gen, o, new_gen, cerr);
	/*
	 * Without the directory (read-only root, no permission) the commit
	 * still happens, serialised by the kernel's generation check only,
	 * and is not recorded.
	 */
	lock = store_lock();
	lock_errno = errno;
	err = do_commit(nl, cand, base_gen, o, &gen, cerr);
	if (new_gen)
		*new_gen = gen;
	if (err || lock < 0) {
		if (!err)
			fprintf(stderr, "srxflow: warning: commit not saved: %s: %s\n",
				store_dir(), strerror(lock_errno));
		store_unlock(lock);
		return err;
	}
	pending = confirm_read(&pend);
	if (o->confirmed)
		snprintf(via, sizeof(via), "%s commit confirmed, rollback in %umins",
			 o->via ? o->via : "cli", o->confirmed);
	else
		snprintf(via, sizeof(via), "%s", o->via ? o->via : "cli");
	if (o->confirmed) {
		unsigned int *seqs;
		int ns = list_seqs(&seqs);

		/* roll back to what ran before the first unconfirmed commit */
		c.restore_seq = pending ? pend.restore_seq : ns ? seqs[0] : 0;
		free(seqs);
	}
	seq = write_commit(cand, via, o->comment, gen);
	if (o->confirmed) {
		c.seq = seq;
		c.deadline = (long long)time(NULL) + (long long)o->confirmed * minute_seconds();
		if (!seq || confirm_write(&c))
			fprintf(stderr, "srxflow: warning: commit confirmed cannot be rolled back "
				"automatically (%s)\n", strerror(errno));
		else
			spawn_timer(seq);
	} else if (pending) {
		confirm_clear();	/* the confirming commit */
	}
	store_unlock(lock);
	return 0;
}

/* Commit a saved configuration with no operator; records it with via. */
static int commit_saved(struct nl *nl, unsigned int seq, const char *via, const char *comment)
{
	struct commit_opts o = { .via = via, .comment = comment, .any_generation = true };
	struct commit_err cerr;
	struct cnode *tree = NULL;
	uint64_t gen = 0;
	char err[600];
	int r;

	if (seq) {
		if (load_seq(seq, &tree, NULL, err, sizeof(err))) {
			fprintf(stderr, "srxflow: %s\n", err);
			return -1;
		}
	} else {
		tree = ctree_new();	/* nothing was committed before */
	}
	r = do_commit(nl, tree, 0, &o, &gen, &cerr);
	if (r) {
		fprintf(stderr, "srxflow: error: %s\n", cerr.msg[0] ? cerr.msg : strerror(-r));
		ctree_free(tree);
		return -1;
	}
	write_commit(tree, via, comment, gen);
	ctree_free(tree);
	return 0;
}

int store_confirm_timer(struct nl *nl, int argc, char **argv)
{
	struct confirm c;
	unsigned int seq;
	int lock;

	if (argc != 1 || !parse_u32(argv[0], &seq))
		return 1;
	for (;;) {
		if (!confirm_read(&c) || c.seq != seq)
			return 0;	/* confirmed, or a newer commit confirmed took over */
		if ((long long)time(NULL) >= c.deadline)
			break;
		sleep(1);
	}
	lock = store_lock();
	if (lock < 0)
		return 1;
	if (confirm_read(&c) && c.seq == seq) {
		char comment[128];

		snprintf(comment, sizeof(comment),
			 "commit confirmed was not confirmed; configuration before it restored");
		if (!commit_saved(nl, c.restore_seq, "automatic rollback", comment))
			confirm_clear();
	}
	store_unlock(lock);
	return 0;
}

int store_restore(struct nl *nl)
{
	struct confirm c;
	unsigned int *seqs;
	int ns = list_seqs(&seqs), lock, r;

	lock = store_lock();
	if (lock < 0)
		fprintf(stderr, "srxflow: warning: %s: cannot lock: %s\n", store_dir(),
			strerror(errno));
	if (confirm_read(&c)) {
		/* rebooted before the commit confirmed was confirmed */
		r = commit_saved(nl, c.restore_seq, "automatic rollback",
				 "commit confirmed was pending at restore; configuration before it restored");
		if (!r)
			confirm_clear();
	} else if (ns) {
		struct cnode *tree = NULL;
		struct commit_opts o = { .any_generation = true };
		struct commit_err cerr;
		char err[600];

		uint64_t gen = 0;

		r = load_seq(seqs[0], &tree, NULL, err, sizeof(err));
		if (r) {
			fprintf(stderr, "srxflow: %s\n", err);
		} else if ((r = do_commit(nl, tree, 0, &o, &gen, &cerr))) {
			fprintf(stderr, "srxflow: error: %s\n",
				cerr.msg[0] ? cerr.msg : strerror(-r));
		} else {
			char *p = xasprintf("%s/restored", store_dir());
			FILE *f = fopen(p, "w");

			if (f) {
				fprintf(f, "%u %llu\n", seqs[0], (unsigned long long)gen);
				fclose(f);
			}
			free(p);
		}
		ctree_free(tree);
	} else {
		printf("no saved configuration in %s\n", store_dir());
		r = 0;
	}
	store_unlock(lock);
	free(seqs);
	if (r) {
		fprintf(stderr, "srxflow: restore failed; the saved configuration was not applied "
			"(interfaces stay unzoned)\n");
		return 1;
	}
	if (ns)
		printf("configuration restored from %s\n", store_dir());
	return 0;
}
