// Catch2's main for tessera_tests; the same binary runs natively and, built with em++, under node.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
