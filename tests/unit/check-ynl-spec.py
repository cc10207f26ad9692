#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""
check-ynl-spec.py: keep Documentation/netlink/specs/srxflow.yaml (YNL) in
step with the ABI header include/uapi/linux/srxflow.h and the kernel's ops
table and attribute policies in kernel/netlink.c.

Checked (each mismatch is an error, the exit status is 1):
  header <-> spec
  - family name, version, multicast group names (SRXFLOW_GENL_*, _MCGRP_*)
  - every enum of the header is described by the spec, and every enum or
    attribute set of the spec exists in the header: same entries, same
    values, same order (commands: operations; attribute enums: attribute
    sets; value enums: definitions); __*_MAX / *_MAX / *_UNSPEC follow the
    YNL conventions (render-max, attribute values starting at 1)
  - flags definitions and consts against the header's #defines
  - struct srxflow_prefix members (names, types, lengths, order)
  - attribute types against the type the header's comment documents
    (string, flag, u8..u64, nest: SRXFLOW_A_X_*, struct srxflow_prefix,
    "repeated" = multi-attr, "enum srxflow_x" = enum)
  - every reference inside the spec resolves (nested-attributes, enum,
    struct, attributes of operations, mcgrp)
  kernel/netlink.c <-> spec
  - each genl op: do iff .doit, dump iff .dumpit, uns-admin-perm iff
    GENL_UNS_ADMIN_PERM (admin-perm iff GENL_ADMIN_PERM)
  - request attributes of an op are accepted by the op's policy
  - each nla_policy entry: the spec attribute's type, nested set, string
    max-len and binary exact-len agree; nested policies defined in other
    files of kernel/ (sxf_npool_policy in cfg_nat.c...) are read from there
  numeric ranges: kernel/netlink.c <-> spec <-> CLI schema
  - an attribute the kernel checks against a range (NLA_POLICY_FULL_RANGE
    pointing at its row of a struct sxf_range table, or NLA_POLICY_RANGE)
    has the same checks {min, max} in the spec, and for configuration
    attributes (the tables) the same .min/.max in userspace/schema.c
  - every row of a range table is used by a policy entry and every
    policy entry validated by a table has a row; a spec min/max on an
    attribute the kernel checks no range of is an error
Commands the header declares but the kernel does not register yet are
reported as notes, as are header attributes whose comment gives no type.

Usage: tests/unit/check-ynl-spec.py [-v] [--spec F] [--header F]
       [--kernel F | --no-kernel] [--schema genetlink-legacy.yaml]
--schema also validates against the kernel's JSON schema (needs python3
jsonschema).  Exit: 0 consistent, 1 mismatches, 2 usage / unreadable input.
"""
import argparse
import os
import re
import sys

try:
    import yaml
except ImportError:
    sys.stderr.write("check-ynl-spec: python3 yaml module missing "
                     "(apt-get install python3-yaml)\n")
    sys.exit(2)

TOP = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

errors = []
notes = []


def err(msg):
    errors.append(msg)


def note(msg):
    notes.append(msg)


def c_upper(name):
    return name.upper().replace("-", "_")


def c_lower(name):
    return name.lower().replace("-", "_")


# --- the header ---------------------------------------------------------------------
class Entry:
    def __init__(self, name, value, comment, line):
        self.name, self.value, self.comment, self.line = name, value, comment, line


def eval_c_int(expr, known):
    """Evaluate a small C integer expression (literals, known names, + - << |)."""
    e = expr.strip()
    e = re.sub(r"\(\s*__u32\s*\)", "", e)
    e = re.sub(r"\b(0[xX][0-9a-fA-F]+|\d+)[uUlL]*\b", r"\1", e)

    def name_val(m):
        n = m.group(0)
        if n in known:
            return str(known[n])
        raise ValueError("unknown name %s" % n)
    e = re.sub(r"\b[A-Za-z_]\w*\b", name_val, e)
    if not re.fullmatch(r"[0-9a-fA-FxX\s()+\-<|]*", e):
        raise ValueError("unsupported expression %r" % expr)
    return int(eval(e, {"__builtins__": {}}, {}))  # only digits and operators remain


def line_of(text, pos):
    return text.count("\n", 0, pos) + 1


def parse_header(path):
    text = open(path).read()
    enums = {}          # enum name -> [Entry] in order
    known = {}          # constant name -> int value
    defines = {}        # SRXFLOW_* define -> int or str
    for m in re.finditer(r"^#define\s+(SRXFLOW_\w+)[ \t]+([^\n]*?)\s*(?:/\*.*?\*/)?[ \t]*$",
                         text, re.M):
        name, val = m.group(1), m.group(2).strip()
        if not val or "(" in name:
            continue
        sm = re.fullmatch(r'"([^"]*)"', val)
        if sm:
            defines[name] = sm.group(1)
            continue
        try:
            defines[name] = eval_c_int(val, known)
            known[name] = defines[name]
        except ValueError:
            pass        # macros with parameters, etc.
    for m in re.finditer(r"\benum\s+(\w+)\s*\{(.*?)\};", text, re.S):
        ename, body, base = m.group(1), m.group(2), m.start(2)
        entries = []
        nextval = 0
        pos = 0
        last_end_line = None
        tok = re.compile(r"\s*(?:(/\*.*?\*/)|(\w+)\s*(?:=\s*([^,/]+?))?\s*(?:,|(?=\s*/\*)|\s*$))", re.S)
        while pos < len(body):
            t = tok.match(body, pos)
            if not t or t.end() == pos:
                if body[pos:].strip():
                    err("%s:%d: cannot parse enum %s near %r" %
                        (path, line_of(text, base + pos), ename, body[pos:pos + 30]))
                break
            if t.group(1) is not None:
                cstart = line_of(text, base + t.start(1))
                if entries and last_end_line == cstart:
                    c = re.sub(r"\s+", " ", re.sub(r"\n\s*\*", " ", t.group(1)[2:-2])).strip()
                    entries[-1].comment = (entries[-1].comment + " " + c).strip()
            elif t.group(2):
                name = t.group(2)
                if t.group(3) is not None:
                    try:
                        val = eval_c_int(t.group(3), known)
                    except ValueError as e:
                        err("%s: enum %s: %s: %s" % (path, ename, name, e))
                        val = nextval
                else:
                    val = nextval
                nextval = val + 1
                known[name] = val
                ln = line_of(text, base + t.start(2))
                entries.append(Entry(name, val, "", ln))
                last_end_line = line_of(text, base + t.end(2))
            pos = t.end()
        enums[ename] = entries
    structs = {}
    for m in re.finditer(r"\bstruct\s+(\w+)\s*\{(.*?)\};", text, re.S):
        members = []
        body = re.sub(r"/\*.*?\*/", "", m.group(2), flags=re.S)
        for mm in re.finditer(r"(__[us]\d+|struct\s+\w+)\s+(\w+)\s*(?:\[\s*(\w+)\s*\])?\s*;", body):
            if mm.group(1).startswith("struct"):
                # a struct member (array): compared by its struct's name
                members.append((mm.group(2), mm.group(1).split()[1], None))
                continue
            members.append((mm.group(2), mm.group(1)[2:],
                            eval_c_int(mm.group(3), known) if mm.group(3) else None))
        structs[m.group(1)] = members
    return enums, defines, structs


# --- the spec -------------------------------------------------------------------------
def load_spec(path):
    with open(path) as f:
        return yaml.safe_load(f)


def entry_name(e):
    return e["name"] if isinstance(e, dict) else e


def spec_enum_values(d):
    """[(name, value)] of an enum/flags definition, YNL rules."""
    out = []
    start = d.get("value-start", 0)
    if isinstance(start, str):
        start = int(start, 0)
    i = 0
    for e in d.get("entries", []):
        if isinstance(e, dict) and "value" in e:
            i = e["value"] - start if d["type"] == "enum" else e["value"]
        v = start + i if d["type"] == "enum" else (1 << i)
        out.append((entry_name(e), v))
        i += 1
    return out


def spec_attr_values(aset):
    out = []
    val = 1
    for a in aset["attributes"]:
        if "value" in a:
            val = a["value"]
        out.append((a, val))
        val += 1
    return out


def op_values(ops):
    out = []
    val = 1
    for o in ops["list"]:
        if "value" in o:
            val = o["value"]
        out.append((o, val))
        val += 1
    return out


def compare_enum(what, hdr_entries, spec_items, hpath):
    """hdr_entries: [Entry]; spec_items: [(C name, value)].  Same names, values, order."""
    hmap = {e.name: e for e in hdr_entries}
    smap = dict(spec_items)
    for e in hdr_entries:
        if e.name not in smap:
            err("%s:%d: %s: %s (= %d) is in the header but not in the spec" %
                (hpath, e.line, what, e.name, e.value))
        elif smap[e.name] != e.value:
            err("%s:%d: %s: %s is %d in the header but %d in the spec" %
                (hpath, e.line, what, e.name, e.value, smap[e.name]))
    for n, v in spec_items:
        if n not in hmap:
            err("spec: %s: %s (= %d) is not in the header" % (what, n, v))
    hord = [e.name for e in hdr_entries if e.name in smap]
    sord = [n for n, _ in spec_items if n in hmap]
    if hord != sord:
        for a, b in zip(hord, sord):
            if a != b:
                err("%s: order differs: header has %s where the spec has %s" % (what, a, b))
                break


def split_markers(entries, prefix):
    """Separate UNSPEC and MAX markers from the real entries of a header enum."""
    real, markers = [], {}
    for e in entries:
        if e.name == "__" + prefix + "MAX":
            markers["cnt"] = e
        elif e.name == prefix + "MAX":
            markers["max"] = e
        elif e.name == prefix + "UNSPEC":
            markers["unspec"] = e
        else:
            real.append(e)
    return real, markers


def check_markers(what, real, markers, hpath, attr_like):
    if attr_like and "unspec" in markers and markers["unspec"].value != 0:
        err("%s:%d: %s: UNSPEC is not 0" % (hpath, markers["unspec"].line, what))
    if real and "cnt" in markers and markers["cnt"].value != real[-1].value + 1:
        err("%s:%d: %s: %s is not last + 1" % (hpath, markers["cnt"].line, what, markers["cnt"].name))
    if "max" in markers and "cnt" in markers and markers["max"].value != markers["cnt"].value - 1:
        err("%s:%d: %s: %s is not %s - 1" % (hpath, markers["max"].line, what,
                                            markers["max"].name, markers["cnt"].name))


TYPE_WORDS = ("string", "flag", "u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "nest")


def check_attr_doc(hpath, e, a, aset_by_prefix, defs_by_cname, structs_by_cname, sets):
    """Compare a spec attribute with the type its header comment documents."""
    c = e.comment
    m = re.match(r"(struct\s+\w+|[a-z0-9]+)\b", c)
    word = m.group(1) if m else ""
    stype = a.get("type")
    if word.startswith("struct"):
        sname = word.split()[1]
        if stype != "binary" or structs_by_cname.get(a.get("struct")) != sname:
            err("%s:%d: %s: header says '%s', spec says %s%s" %
                (hpath, e.line, e.name, word, stype,
                 " struct " + str(a.get("struct")) if "struct" in a else ""))
    elif word in TYPE_WORDS:
        if stype == "pad":
            pass
        elif word != stype:
            err("%s:%d: %s: header says %s, spec says %s" % (hpath, e.line, e.name, word, stype))
    elif stype != "pad":
        note("%s:%d: %s: the header comment gives no type (%s); spec says %s" %
             (hpath, e.line, e.name, ("'" + c + "'") if c else "no comment", stype))
    if re.search(r"\brepeated\b|\b\d+x\b", c) and not a.get("multi-attr"):
        err("%s:%d: %s: header says repeated, spec lacks multi-attr: true" % (hpath, e.line, e.name))
    nm = re.search(r"\b(?:SRXFLOW_A)?(_[A-Z0-9]+)_\*", c)
    if word == "nest" and nm:
        target = aset_by_prefix.get(a.get("nested-attributes"))
        if not target or not c_upper(target).endswith(nm.group(1) + "_"):
            err("%s:%d: %s: header says nest of %s_*, spec nests set %s (%s)" %
                (hpath, e.line, e.name, nm.group(0)[:-2], a.get("nested-attributes"), target))
    em = re.search(r"enum\s+(srxflow_\w+)((?:\s*/\s*_?\w+)*)", c)
    if em and em.group(2):
        # "enum srxflow_service / _hproto": which one depends on the context,
        # the spec cannot name one; its doc must name each
        alts = [em.group(1)] + ["srxflow" + x.strip() if x.strip().startswith("_") else x.strip()
                                for x in em.group(2).split("/")[1:]]
        for alt in alts:
            d = defs_by_cname.get(alt)
            if d is None:
                err("%s:%d: %s: header names enum %s, not a spec definition" % (hpath, e.line, e.name, alt))
            elif not re.search(r"\benum %s\b" % re.escape(d), a.get("doc", "")):
                err("%s:%d: %s: header says enum %s; the spec's doc should name enum %s" %
                    (hpath, e.line, e.name, " / ".join(alts), d))
    elif em and stype == "nest":
        # "nest: u64 per reason, attr type = enum srxflow_drop_reason"
        target = sets.get(a.get("nested-attributes"), {})
        if c_lower(target.get("enum-name") or "") != em.group(1):
            err("%s:%d: %s: header says the nest's attribute types are enum %s; spec nests set %s" %
                (hpath, e.line, e.name, em.group(1), a.get("nested-attributes")))
    elif em:
        d = defs_by_cname.get(em.group(1))
        if a.get("enum") is None:
            err("%s:%d: %s: header says enum %s, spec has no enum" % (hpath, e.line, e.name, em.group(1)))
        elif d is None or d != a.get("enum"):
            err("%s:%d: %s: header says enum %s, spec says enum %s" %
                (hpath, e.line, e.name, em.group(1), a.get("enum")))


def check_cmd_doc(hpath, e, o, aset_by_prefix):
    """A command's header comment: "dump", "reply: SRXFLOW_A_X", group "g": SRXFLOW_A_Y."""
    c = e.comment
    pfx = c_upper(aset_by_prefix.get(o.get("attribute-set"), ""))
    if re.match(r"dump\b", c) and "dump" not in o:
        err("%s:%d: %s: header says dump, spec has no dump" % (hpath, e.line, e.name))
    gm = re.match(r'group\s+"(\w+)"', c)
    if gm and o.get("mcgrp") != gm.group(1):
        err("%s:%d: %s: header says group %s, spec mcgrp %s" % (hpath, e.line, e.name, gm.group(1), o.get("mcgrp")))
    for am in re.finditer(r"\b(SRXFLOW_A_\w+?)\*?(?=[\s,)*]|$)", c):
        an = am.group(1)
        if not pfx or not an.startswith(pfx):
            continue
        name = c_lower(an[len(pfx):]).replace("_", "-")
        where = [o.get(m, {}).get(p, {}).get("attributes", []) for m in ("do", "dump")
                 for p in ("request", "reply")] + [o.get("event", {}).get("attributes", [])]
        if not any(name in w for w in where):
            err("%s:%d: %s: header mentions %s, the spec operation does not carry %s" %
                (hpath, e.line, e.name, an, name))


# --- kernel/netlink.c -------------------------------------------------------------------
def strip_c_comments(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def extra_policy_text(path, text_nc):
    """Definitions of the nested policies the file names but defines
    elsewhere (sxf_npool_policy in cfg_nat.c...): the other .c files of its
    directory that define them, comments stripped, until none is missing."""
    out = ""
    seen = set()
    while True:
        have = set(re.findall(r"struct\s+nla_policy\s+(\w+)\s*\[", text_nc + out))
        want = set(re.findall(r"NLA_POLICY_NESTED(?:_ARRAY)?\(\s*(\w+)\s*\)", text_nc + out))
        missing = want - have
        if not missing:
            return out
        found = False
        d = os.path.dirname(os.path.abspath(path))
        for f in sorted(os.listdir(d)):
            fp = os.path.join(d, f)
            if not f.endswith(".c") or fp in seen or os.path.samefile(fp, path):
                continue
            other = strip_c_comments(open(fp).read())
            if any(re.search(r"struct\s+nla_policy\s+%s\s*\[" % m, other) for m in missing):
                seen.add(fp)
                out += "\n" + other
                found = True
        if not found:
            return out


CFG_KINDS = {}      # SRXFLOW_A_CFG_* -> its policy (parse_kernel())


def cfg_kind_policies(path):
    """SRXFLOW_A_CFG_* -> the policy sxf_cfg_add() parses it with (the
    sxf_cfg_kinds[] table of config.c beside path), {} without one."""
    cpath = os.path.join(os.path.dirname(os.path.abspath(path)), "config.c")
    try:
        text = strip_c_comments(open(cpath).read())
    except OSError:
        return {}
    return dict(re.findall(r"\[\s*(SRXFLOW_A_CFG_\w+)\s*\]\s*=\s*\{\s*\.policy\s*=\s*(\w+)", text))


def parse_kernel(path):
    text = open(path).read()
    text_nc = strip_c_comments(text)
    kinds = cfg_kind_policies(path)
    # (the kinds' policies are wanted as if nested: their definitions are read too)
    pol_text = text_nc + extra_policy_text(
        path, text_nc + "".join(" NLA_POLICY_NESTED(%s)" % v for v in kinds.values()))
    macros = {}
    for m in re.finditer(r"^#define\s+(\w+)\s+(.*)$", text_nc, re.M):
        macros[m.group(1)] = m.group(2).strip()
    fmacros = {}            # #define NAME(param) body
    for m in re.finditer(r"^#define\s+(\w+)\((\w+)\)\s+(.*)$", text_nc, re.M):
        fmacros[m.group(1)] = (m.group(2), m.group(3).strip())
    policies = {}
    for m in re.finditer(r"struct\s+nla_policy\s+(\w+)\s*\[[^\]]*\]\s*=\s*\{(.*?)\n\};", pol_text, re.S):
        entries = {}
        for pm in re.finditer(r"\[\s*(SRXFLOW_\w+)\s*\]\s*=\s*(.*?),?\s*$", m.group(2), re.M):
            val = pm.group(2).strip().rstrip(",")
            while val in macros:
                val = macros[val]
            fm = re.fullmatch(r"(\w+)\((\w+)\)", val)
            if fm and fm.group(1) in fmacros:
                param, body = fmacros[fm.group(1)]
                val = re.sub(r"\b%s\b" % param, fm.group(2), body)
            entries[pm.group(1)] = val
        policies[m.group(1)] = entries
    CFG_KINDS.update(kinds)
    # numeric ranges: struct sxf_range TABLE[] = { [ATTR] = { { MIN, MAX }, "stmt" }, ... }
    ranges = {}
    for m in re.finditer(r"struct\s+sxf_range\s+(\w+)\s*\[[^\]]*\]\s*(?:__\w+\s*)*=\s*\{(.*?)\n\};",
                         text_nc, re.S):
        rows = {}
        for rm in re.finditer(r"\[\s*(SRXFLOW_\w+)\s*\]\s*=\s*\{\s*\{\s*(\w+)\s*,\s*(\w+)\s*\}", m.group(2)):
            rows[rm.group(1)] = (eval_c_int(rm.group(2), {}), eval_c_int(rm.group(3), {}))
        ranges[m.group(1)] = rows
    mcgrps = re.findall(r"\.name\s*=\s*(SRXFLOW_MCGRP_\w+)", text_nc)
    ops = {}
    om = re.search(r"struct\s+genl_ops\s+\w+\s*\[\s*\]\s*(?:__\w+\s*)*=\s*\{(.*?)\n\};", text_nc, re.S)
    if om:
        for blk in re.finditer(r"\{(.*?)\}", om.group(1), re.S):
            b = blk.group(1)
            fields = dict(re.findall(r"\.(\w+)\s*=\s*([^,]+?)\s*,", b + ","))
            if "cmd" in fields:
                ops[fields["cmd"]] = fields
    return policies, ops, mcgrps, ranges


def kernel_range(pol, ranges, cname):
    """(min, max) the kernel enforces on an attribute, None if it enforces none,
    or a string saying what is wrong."""
    p = pol.replace(" ", "")
    m = re.match(r"NLA_POLICY_FULL_RANGE\(NLA_\w+,&(\w+)\[(\w+)\]\.r\)$", p)
    if m:
        tab, idx = m.group(1), m.group(2)
        if idx != cname:
            return "points at the row of %s in %s" % (idx, tab)
        if cname not in ranges.get(tab, {}):
            return "table %s has no row for it" % tab
        return ranges[tab][cname]
    m = re.match(r"NLA_POLICY_RANGE\(NLA_\w+,(\w+),(\w+)\)$", p)
    if m:
        try:
            return eval_c_int(m.group(1), {}), eval_c_int(m.group(2), {})
        except ValueError:
            return None
    return None


def parse_cli_ranges(path):
    """attribute C name -> (min, max) of the CLI schema (userspace/schema.c)."""
    text = open(path).read()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    out = {}
    for m in re.finditer(r"struct\s+snode\s+\w+\s*=\s*\{(.*?)\n\};", text, re.S):
        b = m.group(1)
        a = re.search(r"\.attr\s*=\s*(SRXFLOW_\w+)", b)
        lo = re.search(r"\.min\s*=\s*(\w+)", b)
        hi = re.search(r"\.max\s*=\s*(\w+)", b)
        if a and lo and hi:
            try:
                out[a.group(1)] = (eval_c_int(lo.group(1), {}), eval_c_int(hi.group(1), {}))
            except ValueError:
                pass        # a macro's body (FLOW_UINT below)
    # FLOW_UINT(var, "keyword", ATTR, MIN, MAX, "help")
    for m in re.finditer(r"\bFLOW_UINT\(\s*\w+\s*,\s*\"[^\"]*\"\s*,\s*(SRXFLOW_\w+)\s*,\s*(\w+)\s*,\s*(\w+)\s*,", text):
        out[m.group(1)] = (eval_c_int(m.group(2), {}), eval_c_int(m.group(3), {}))
    return out


def kernel_type(pol):
    """Spec type, nested policy, string max-len and binary exact-len of a policy entry."""
    p = pol.replace(" ", "")
    m = re.match(r"NLA_POLICY_NESTED\((\w+)\)", p)
    if m:
        return "nest", m.group(1), None, None
    if p.startswith("NLA_POLICY_EXACT_LEN("):
        return "binary", None, None, p[len("NLA_POLICY_EXACT_LEN("):-1]
    m = re.match(r"NLA_POLICY_(?:MAX|MIN|RANGE|FULL_RANGE|MASK)\(NLA_(\w+),", p)
    if m:
        return m.group(1).lower(), None, None, None
    m = re.match(r"\{\.type=NLA_(\w+)(?:,\.len=([^,}]+))?,?\}", p)
    if m:
        t = m.group(1)
        if t in ("NUL_STRING", "STRING"):
            return "string", None, m.group(2), None
        return {"FLAG": "flag", "REJECT": "reject", "BINARY": "binary",
                "NESTED": "nest"}.get(t, t.lower()), None, None, None
    return None, None, None, None


def main():
    ap = argparse.ArgumentParser(description="check the srxflow YNL spec against the uAPI header")
    ap.add_argument("--spec", default=os.path.join(TOP, "Documentation/netlink/specs/srxflow.yaml"))
    ap.add_argument("--header", default=os.path.join(TOP, "include/uapi/linux/srxflow.h"))
    ap.add_argument("--kernel", default=os.path.join(TOP, "kernel/netlink.c"))
    ap.add_argument("--no-kernel", action="store_true", help="skip the kernel/netlink.c checks")
    ap.add_argument("--schema", help="also validate against this genetlink-legacy.yaml (jsonschema)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print the notes too")
    args = ap.parse_args()

    try:
        spec = load_spec(args.spec)
    except (OSError, yaml.YAMLError) as e:
        sys.stderr.write("check-ynl-spec: %s: %s\n" % (args.spec, e))
        return 2
    try:
        henums, hdefs, hstructs = parse_header(args.header)
    except OSError as e:
        sys.stderr.write("check-ynl-spec: %s\n" % e)
        return 2
    hpath = os.path.relpath(args.header, TOP) if args.header.startswith(TOP) else args.header

    if args.schema:
        try:
            import jsonschema
            schema = yaml.safe_load(open(args.schema))
            for e in jsonschema.Draft7Validator(schema).iter_errors(spec):
                err("spec: schema: %s: %s" % ("/".join(str(p) for p in e.path), e.message))
        except ImportError:
            note("--schema given but python3 jsonschema is missing: not validated")
        except (OSError, yaml.YAMLError) as e:
            sys.stderr.write("check-ynl-spec: %s: %s\n" % (args.schema, e))
            return 2

    if not isinstance(spec, dict):
        sys.stderr.write("check-ynl-spec: %s: not a YAML mapping\n" % args.spec)
        return 2
    for k in ("name", "doc", "attribute-sets", "operations"):
        if k not in spec:
            err("spec: missing top-level key '%s'" % k)
    if errors:
        return report()
    family = spec["name"]

    # family, version, multicast groups
    fam_define = c_upper(spec.get("c-family-name", family + "-family-name"))
    ver_define = c_upper(spec.get("c-version-name", family + "-family-version"))
    if hdefs.get(fam_define) != family:
        err("family name: spec '%s', header %s = %r" % (family, fam_define, hdefs.get(fam_define)))
    if hdefs.get(ver_define) != spec.get("version", 1):
        err("family version: spec %s, header %s = %r" % (spec.get("version", 1), ver_define,
                                                         hdefs.get(ver_define)))
    mcgrps = [g["name"] for g in spec.get("mcast-groups", {}).get("list", [])]
    hgroups = {k: v for k, v in hdefs.items() if k.startswith(c_upper(family) + "_MCGRP_")}
    for g in spec.get("mcast-groups", {}).get("list", []):
        d = c_upper(g.get("c-define-name", "%s-mcgrp-%s" % (family, g["name"])))
        if hgroups.get(d) != g["name"]:
            err("mcast group '%s': header %s = %r" % (g["name"], d, hgroups.get(d)))
        hgroups.pop(d, None)
    for d, v in hgroups.items():
        err("%s: %s = %r is not a mcast group of the spec" % (hpath, d, v))

    # definitions
    defs = {d["name"]: d for d in spec.get("definitions", [])}
    covered = {}        # header enum name -> what covers it
    defs_by_cname = {}  # C enum name -> definition name
    structs_by_cname = {}
    for d in spec.get("definitions", []):
        t = d["type"]
        if t == "const":
            cname = c_upper(d.get("name-prefix", family + "-") + d["name"])
            v = d["value"]
            if hdefs.get(cname) != v:
                err("const %s: spec %r, header %s = %r" % (d["name"], v, cname, hdefs.get(cname)))
        elif t == "struct":
            cname = "%s_%s" % (c_lower(family), c_lower(d["name"]))
            if "enum-name" in d and d["enum-name"]:
                cname = c_lower(d["enum-name"])
            structs_by_cname[d["name"]] = cname
            hm = hstructs.get(cname)
            if hm is None:
                err("struct %s: no struct %s in the header" % (d["name"], cname))
                continue
            sm = []
            for mbr in d.get("members", []):
                ln = mbr.get("len")
                if mbr["type"] == "binary" and "struct" in mbr:
                    sm.append((c_lower(mbr["name"]),
                               "%s_%s" % (c_lower(family), c_lower(mbr["struct"])), None))
                elif mbr["type"] == "binary":
                    sm.append((c_lower(mbr["name"]), "u8", ln))
                else:
                    sm.append((c_lower(mbr["name"]), mbr["type"], None))
            if sm != hm:
                err("struct %s: spec members %s, header %s" % (cname, sm, hm))
        elif t in ("enum", "flags"):
            prefix = c_upper(d.get("name-prefix", "%s-%s-" % (family, d["name"])))
            items = [(c_upper(prefix + n), v) for n, v in spec_enum_values(d)]
            ename = d.get("enum-name", "%s-%s" % (family, d["name"]))
            if ename:
                cname = c_lower(ename)
                defs_by_cname[cname] = d["name"]
                if cname not in henums:
                    err("%s %s: no enum %s in the header" % (t, d["name"], cname))
                    continue
                real, markers = split_markers(henums[cname], prefix)
                compare_enum("enum %s" % cname, real, items, hpath)
                check_markers("enum %s" % cname, real, markers, hpath, False)
                if d.get("render-max") and "cnt" not in markers:
                    err("enum %s: spec says render-max but the header has no __%sMAX" % (cname, prefix))
                if not d.get("render-max") and "cnt" in markers:
                    err("enum %s: header has %s but the spec lacks render-max: true" %
                        (cname, markers["cnt"].name))
                covered.setdefault(cname, []).append("definition " + d["name"])
            else:
                # flags / values carried by plain #defines
                for n, v in items:
                    if hdefs.get(n) != v:
                        err("%s %s: %s is %r in the spec, %r in the header" % (t, d["name"], n, v, hdefs.get(n)))
                hd = sorted(k for k in hdefs if k.startswith(prefix) and isinstance(hdefs[k], int))
                for k in hd:
                    if k not in dict(items):
                        err("%s: %s is not in spec %s %s" % (hpath, k, t, d["name"]))

    # attribute sets
    sets = {s["name"]: s for s in spec["attribute-sets"]}
    aset_by_prefix = {}
    for s in spec["attribute-sets"]:
        aset_by_prefix[s["name"]] = s.get("name-prefix", "%s-a-%s-" % (family, s["name"]))
    for s in spec["attribute-sets"]:
        if "subset-of" in s:
            continue
        prefix = c_upper(aset_by_prefix[s["name"]])
        cname = c_lower(s.get("enum-name") or "%s-%s-attrs" % (family, s["name"]))
        what = "attribute set %s (enum %s)" % (s["name"], cname)
        if cname not in henums:
            err("%s: no such enum in the header" % what)
            continue
        covered.setdefault(cname, []).append("attribute set " + s["name"])
        vals = spec_attr_values(s)
        items = [(c_upper(prefix + a["name"]), v) for a, v in vals]
        real, markers = split_markers(henums[cname], prefix)
        if s.get("header"):
            # a set whose names are another header enum (stats-drop = drop reasons)
            real = henums[cname]
            real = [e for e in real if not e.name.startswith("__")]
        else:
            if "unspec" not in markers:
                err("%s: the header has no %sUNSPEC" % (what, prefix))
            if c_upper(s.get("attr-cnt-name", "__" + prefix + "MAX")) != \
                    (markers["cnt"].name if "cnt" in markers else None):
                err("%s: count name %s not in the header" % (what, "__" + prefix + "MAX"))
            if c_upper(s.get("attr-max-name", prefix + "MAX")) != \
                    (markers["max"].name if "max" in markers else None):
                err("%s: max name %s not in the header" % (what, prefix + "MAX"))
            check_markers(what, real, markers, hpath, True)
        compare_enum(what, real, items, hpath)
        hmap = {e.name: e for e in real}
        for a, v in vals:
            cn = c_upper(prefix + a["name"])
            t = a.get("type")
            if t == "nest" and a.get("nested-attributes") not in sets:
                err("%s: %s: nested-attributes %r is not a set" % (what, a["name"], a.get("nested-attributes")))
            if t != "nest" and "nested-attributes" in a:
                err("%s: %s: nested-attributes on a %s" % (what, a["name"], t))
            if "enum" in a and a["enum"] not in defs:
                err("%s: %s: enum %r is not a definition" % (what, a["name"], a["enum"]))
            if "struct" in a and a["struct"] not in defs:
                err("%s: %s: struct %r is not a definition" % (what, a["name"], a["struct"]))
            if a.get("checks", {}).get("exact-len") is not None and "struct" in a:
                size = sum((m.get("len") or {"u8": 1, "u16": 2, "u32": 4, "u64": 8}.get(m["type"], 0))
                           for m in defs[a["struct"]].get("members", []))
                if a["checks"]["exact-len"] != size:
                    err("%s: %s: exact-len %s but struct %s is %d bytes" %
                        (what, a["name"], a["checks"]["exact-len"], a["struct"], size))
            if cn in hmap and not s.get("header"):
                check_attr_doc(hpath, hmap[cn], a, aset_by_prefix, defs_by_cname, structs_by_cname, sets)

    # operations
    ops = spec["operations"]
    oprefix = c_upper(ops.get("name-prefix", family + "-cmd-"))
    ocname = c_lower(ops.get("enum-name") or "%s-commands" % family)
    opvals = op_values(ops)
    if ocname not in henums:
        err("operations: no enum %s in the header" % ocname)
    else:
        covered.setdefault(ocname, []).append("operations")
        real, markers = split_markers(henums[ocname], oprefix)
        compare_enum("commands (enum %s)" % ocname, real, [(c_upper(oprefix + o["name"]), v)
                                                          for o, v in opvals], hpath)
        check_markers("enum %s" % ocname, real, markers, hpath, True)
        byname = {c_upper(oprefix + o["name"]): o for o, _ in opvals}
        for e in real:
            o = byname.get(e.name)
            if o is not None:
                check_cmd_doc(hpath, e, o, aset_by_prefix)
    for o, v in opvals:
        aset = o.get("attribute-set")
        if aset is not None and aset not in sets:
            err("operation %s: attribute-set %r is not a set" % (o["name"], aset))
            continue
        names = {a["name"] for a in sets[aset]["attributes"]} if aset else set()
        for mode in ("do", "dump"):
            for part in ("request", "reply"):
                for an in o.get(mode, {}).get(part, {}).get("attributes", []):
                    if an not in names:
                        err("operation %s: %s %s attribute %r is not in set %s" % (o["name"], mode, part, an, aset))
        for an in o.get("event", {}).get("attributes", []):
            if an not in names:
                err("operation %s: event attribute %r is not in set %s" % (o["name"], an, aset))
        if "mcgrp" in o and o["mcgrp"] not in mcgrps:
            err("operation %s: mcgrp %r is not a mcast group" % (o["name"], o["mcgrp"]))
        if not any(k in o for k in ("do", "dump", "event", "notify")):
            err("operation %s: neither do, dump nor event" % o["name"])

    # header enums nobody describes
    for cname, entries in henums.items():
        if cname not in covered:
            err("%s: enum %s is not described by the spec" % (hpath, cname))

    # kernel ops table and policies
    if not args.no_kernel:
        check_kernel(args.kernel, spec, sets, aset_by_prefix, opvals, oprefix, hdefs)
        check_cfg_objects(os.path.join(os.path.dirname(args.kernel), "config.c"), spec)

    return report(verbose=args.verbose, summary="%d definitions, %d attribute sets, %d operations" %
                  (len(defs), len(sets), len(opvals)))


def check_cfg_objects(cpath, spec):
    """cfg-add's request and cfg-get's reply list exactly the configuration
    objects kernel/config.c has a row for (a client that reads cfg-get and
    commits it again must not lose the objects the spec leaves out)."""
    try:
        with open(cpath) as f:
            text = strip_c_comments(f.read())
    except OSError as e:
        err("%s" % e)
        return
    rows = {c_lower(m[len("SRXFLOW_A_"):]).replace("_", "-")
            for m in re.findall(r"\[(SRXFLOW_A_CFG_\w+)\]\s*=\s*\{", text)}
    if not rows:
        err("%s: no configuration object table found" % cpath)
        return
    ops = {o["name"]: o for o in spec["operations"]["list"]}
    for op, kind, part, extra in (("cfg-add", "do", "request", "txn-id"),
                                  ("cfg-get", "dump", "reply", "generation")):
        attrs = set(ops.get(op, {}).get(kind, {}).get(part, {}).get("attributes", [])) - {extra}
        for a in sorted(rows - attrs):
            err("operation %s: %s %s lacks %s (a configuration object of %s)" %
                (op, kind, part, a, os.path.relpath(cpath, TOP)))
        for a in sorted(attrs - rows):
            err("operation %s: %s %s lists %s, which is no configuration object" % (op, kind, part, a))


def check_kernel(kpath, spec, sets, aset_by_prefix, opvals, oprefix, hdefs):
    try:
        policies, kops, kgroups, kranges = parse_kernel(kpath)
    except OSError as e:
        err("%s" % e)
        return
    if not kops:
        err("%s: no genl_ops table found" % kpath)
        return
    kp = os.path.relpath(kpath, TOP) if kpath.startswith(TOP) else kpath
    knames = sorted(hdefs.get(g, g) for g in kgroups)
    snames = sorted(g["name"] for g in spec.get("mcast-groups", {}).get("list", []))
    if knames != snames:
        err("mcast groups: kernel registers %s, the spec lists %s" % (knames, snames))
    # attribute C name -> (set, attr)
    by_cname = {}
    for s in spec["attribute-sets"]:
        pfx = c_upper(aset_by_prefix[s["name"]])
        for a in s["attributes"]:
            by_cname[c_upper(pfx + a["name"])] = (s, a)
    set_of_policy = {}
    enforced = {}           # attribute C name -> (min, max) the kernel enforces
    try:
        cli = parse_cli_ranges(os.path.join(TOP, "userspace/schema.c"))
    except OSError as e:
        err("%s" % e)
        cli = {}

    def check_policy(pname, setname):
        if pname in set_of_policy:
            return
        set_of_policy[pname] = setname
        for cn, pol in policies.get(pname, {}).items():
            if cn not in by_cname:
                err("%s: policy %s: %s is not a spec attribute" % (kp, pname, cn))
                continue
            s, a = by_cname[cn]
            if setname and s["name"] != setname:
                err("%s: policy %s validates set %s, but %s belongs to set %s" % (kp, pname, setname, cn, s["name"]))
            t, nested, maxlen, exactlen = kernel_type(pol)
            if t is None:
                note("%s: policy %s: %s: cannot interpret %r" % (kp, pname, cn, pol))
                continue
            if t == "reject":
                if "kernel to user" not in a.get("doc", "") and "rejected" not in a.get("doc", ""):
                    err("%s: %s is NLA_REJECT; say so in the spec's doc" % (kp, cn))
                continue
            if t != a.get("type"):
                err("%s: policy %s: %s is %s in the kernel, %s in the spec" % (kp, pname, cn, t, a.get("type")))
            if t == "nest" and not nested and a.get("nested-attributes"):
                # a nest the op's policy does not descend into (sxf_cfg_add()
                # parses it): the policy of its kind in config.c, else by
                # name, sxf_<set>_policy
                cand = CFG_KINDS.get(
                    cn, "sxf_%s_policy" % a["nested-attributes"].replace("-", "_"))
                if cand in policies:
                    check_policy(cand, a["nested-attributes"])
                else:
                    err("%s: policy %s: %s nests %s without a policy, and there is no %s" %
                        (kp, pname, cn, a["nested-attributes"], cand))
            if nested:
                if nested not in policies:
                    note("%s: %s nests %s, which is not in this file" % (kp, cn, nested))
                check_policy(nested, a.get("nested-attributes"))
            chk = a.get("checks", {})
            kr = kernel_range(pol, kranges, cn)
            if isinstance(kr, str):
                err("%s: policy %s: %s: %s" % (kp, pname, cn, kr))
            elif kr is not None:
                enforced[cn] = kr
                sr = (chk.get("min"), chk.get("max"))
                if sr != kr:
                    err("%s: policy %s: %s: range %d..%d in the kernel, spec checks min %s max %s" %
                        (kp, pname, cn, kr[0], kr[1], sr[0], sr[1]))
                if "FULL_RANGE" not in pol:
                    pass    # not configuration (e.g. a show command's filter): no CLI schema node
                elif cn not in cli:
                    err("userspace/schema.c: %s: no range in the CLI schema (the kernel checks %d..%d)" %
                        (cn, kr[0], kr[1]))
                elif cli[cn] != kr:
                    err("userspace/schema.c: %s: range %d..%d in the CLI, %d..%d in the kernel" %
                        ((cn,) + cli[cn] + kr))
            elif ("min" in chk or "max" in chk) and pol.replace(" ", "").startswith("{"):
                err("%s: policy %s: %s: the spec checks min/max, the kernel checks no range" %
                    (kp, pname, cn))
            elif "min" in chk or "max" in chk:
                note("%s: policy %s: %s: the spec checks min/max, the policy %r is not read as a range" %
                     (kp, pname, cn, pol))
            if maxlen is not None:
                try:
                    ml = eval_c_int(maxlen, {"SRXFLOW_NAME_MAX": 64, "SRXFLOW_IFNAME_MAX": 16})
                except ValueError:
                    ml = None
                if ml is not None and chk.get("max-len") != ml:
                    err("%s: policy %s: %s: max-len %s in the kernel, %s in the spec" %
                        (kp, pname, cn, ml, chk.get("max-len")))
            if exactlen is not None and "exact-len" not in chk:
                err("%s: policy %s: %s: the kernel checks an exact length (%s), the spec has no exact-len" %
                    (kp, pname, cn, exactlen))

    for o, v in opvals:
        cn = c_upper(oprefix + o["name"])
        k = kops.get(cn)
        if k is None:
            if "do" in o or "dump" in o:
                note("%s: %s is not in the kernel's ops table (spec describes it as reserved)" % (kp, cn))
                if "not in the kernel" not in o.get("doc", ""):
                    err("spec: operation %s is not implemented by the kernel; say so in its doc" % o["name"])
            continue
        if ("doit" in k) != ("do" in o):
            err("operation %s: kernel %s .doit, spec %s do" % (o["name"], "has" if "doit" in k else "has no",
                                                              "has" if "do" in o else "has no"))
        if ("dumpit" in k) != ("dump" in o):
            err("operation %s: kernel %s .dumpit, spec %s dump" % (o["name"], "has" if "dumpit" in k else "has no",
                                                                  "has" if "dump" in o else "has no"))
        kflags = k.get("flags", "")
        flags = o.get("flags", [])
        if ("GENL_UNS_ADMIN_PERM" in kflags) != ("uns-admin-perm" in flags):
            err("operation %s: kernel flags '%s', spec flags %s (GENL_UNS_ADMIN_PERM = uns-admin-perm)" %
                (o["name"], kflags, flags))
        if ("GENL_ADMIN_PERM" in re.sub(r"GENL_UNS_ADMIN_PERM", "", kflags)) != ("admin-perm" in flags):
            err("operation %s: kernel flags '%s', spec flags %s (GENL_ADMIN_PERM = admin-perm)" %
                (o["name"], kflags, flags))
        pol = k.get("policy")
        if pol:
            if pol not in policies:
                err("%s: op %s: policy %s not found" % (kp, cn, pol))
                continue
            check_policy(pol, o.get("attribute-set"))
            accepted = {by_cname[c][1]["name"] for c in policies[pol] if c in by_cname}
            for mode in ("do", "dump"):
                for an in o.get(mode, {}).get("request", {}).get("attributes", []):
                    if an not in accepted:
                        err("operation %s: %s request lists %s, which policy %s rejects" %
                            (o["name"], mode, an, pol))
    for cn in kops:
        if cn not in {c_upper(oprefix + o["name"]) for o, _ in opvals}:
            err("%s: kernel op %s is not in the spec" % (kp, cn))
    for tab, rows in kranges.items():
        for cn in rows:
            if cn not in enforced:
                err("%s: range table %s has a row for %s, which no policy validates with it" % (kp, tab, cn))
    if not kranges:
        err("%s: no range table (struct sxf_range) found" % kp)


def report(verbose=True, summary=None):
    if verbose:
        for n in notes:
            print("note: " + n)
    for e in errors:
        print("error: " + e)
    if errors:
        print("check-ynl-spec: %d mismatch(es) between the YNL spec and the header/kernel" % len(errors))
        return 1
    print("check-ynl-spec: OK%s%s" % (": " + summary if summary else "",
                                      " (%d notes, -v to show)" % len(notes) if notes and not verbose else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
