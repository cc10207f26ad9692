// SPDX-License-Identifier: GPL-2.0
/*
 * The table of dec4.h: "0000" "0001" ... "9999", written out by the
 * preprocessor (each level appends one digit to every string of the level
 * below).
 */
#include "dec4.h"

#define DEC4_1(p) p "0" p "1" p "2" p "3" p "4" p "5" p "6" p "7" p "8" p "9"
#define DEC4_2(p) DEC4_1(p "0") DEC4_1(p "1") DEC4_1(p "2") DEC4_1(p "3") DEC4_1(p "4") \
		  DEC4_1(p "5") DEC4_1(p "6") DEC4_1(p "7") DEC4_1(p "8") DEC4_1(p "9")
#define DEC4_3(p) DEC4_2(p "0") DEC4_2(p "1") DEC4_2(p "2") DEC4_2(p "3") DEC4_2(p "4") \
		  DEC4_2(p "5") DEC4_2(p "6") DEC4_2(p "7") DEC4_2(p "8") DEC4_2(p "9")

const char dec4_groups[40001] =
	DEC4_3("0") DEC4_3("1") DEC4_3("2") DEC4_3("3") DEC4_3("4")
	DEC4_3("5") DEC4_3("6") DEC4_3("7") DEC4_3("8") DEC4_3("9");

/* the number of digits of 0..9999: 10 ones, 90 twos, 900 threes, 9000 fours */
#define DEC4_R9(x) x x x x x x x x x
#define DEC4_R10(x) x x x x x x x x x x

const unsigned char dec4_len[10001] =
	DEC4_R10("\1") DEC4_R9(DEC4_R10("\2")) DEC4_R9(DEC4_R10(DEC4_R10("\3")))
	DEC4_R9(DEC4_R10(DEC4_R10(DEC4_R10("\4"))));
