// CTest runs each TEST_CASE by passing its name to the test binary as a filter
// (catch_discover_tests). Some characters break that silently: ';' splits the name into two
// CTest entries that each match nothing and "pass" without running; '[' starts a tag filter;
// '\' escapes; '*' and '~' at the ends are wildcards and negation. This test keeps every name
// of the suite runnable under CTest.
#include <catch2/catch.hpp>

#include <string>

TEST_CASE("every test case name can be used as a CTest filter", "[suite]") {
  const auto& tests = Catch::getRegistryHub().getTestCaseRegistry().getAllTests();
  REQUIRE(tests.size() > 10);
  for (const Catch::TestCase& test : tests) {
    const std::string& name = test.name;
    CAPTURE(name);
    CHECK(name.find_first_of(";[]\\") == std::string::npos);
    CHECK(!name.empty());
    CHECK(name.front() != '~');
    CHECK(name.front() != '*');
    CHECK(name.back() != '*');
    CHECK(name.front() != ' ');
  }
}
