// Tests of UTF-8 decoding and of printable(): untrusted text shown without terminal control.
#include <catch2/catch.hpp>
#include <string>

#include "tessera/utf8.hpp"

using tessera::utf8::printable;

TEST_CASE("printable escapes C0, DEL, C1 and ill-formed bytes and keeps everything else", "[utf8]") {
  // Expected forms written by hand: \xNN for a control byte or an ill-formed byte, \uNNNN for a C1 character.
  CHECK(printable("media/intro.png") == "media/intro.png");
  CHECK(printable("café 日本語 🎓") == "café 日本語 🎓");
  CHECK(printable("\x1b[2K\r0 errors") == "\\x1b[2K\\x0d0 errors");
  CHECK(printable("a\nb\tc") == "a\\x0ab\\x09c");
  CHECK(printable(std::string("a\0b", 3)) == "a\\x00b");
  CHECK(printable("del\x7f") == "del\\x7f");
  CHECK(printable("csi\xc2\x9b"
                  "2K") == "csi\\u009b2K");            // U+009B, the one-character CSI
  CHECK(printable("nbsp\xc2\xa0") == "nbsp\xc2\xa0");  // U+00A0 is not a control
  CHECK(printable("raw\x9b"
                  "2K") == "raw\\x9b2K");                // 8-bit CSI: not UTF-8 at all
  CHECK(printable("cut\xe6\x97") == "cut\\xe6\\x97");    // a sequence cut short: each byte shown
  CHECK(printable("over\xc0\xaf") == "over\\xc0\\xaf");  // an overlong '/'
  CHECK(printable("") == "");
}

TEST_CASE("first_invalid_utf8 finds the first ill-formed byte", "[utf8]") {
  CHECK(tessera::utf8::first_invalid_utf8("plain ascii") == std::string::npos);
  CHECK(tessera::utf8::first_invalid_utf8("café") == std::string::npos);
  CHECK(tessera::utf8::first_invalid_utf8("ab\xff") == 2);
  CHECK(tessera::utf8::first_invalid_utf8("a\xed\xa0\x80") == 1);     // a surrogate
  CHECK(tessera::utf8::first_invalid_utf8("\xf4\x90\x80\x80") == 0);  // above U+10FFFF
}
