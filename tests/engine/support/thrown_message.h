// Runs code that must throw exactly the given nnplay exception type and returns its message,
// so a test can check the text with CHECK_THAT(message, Contains(...)) and a failure shows it.
// Any other exception propagates and fails the test with its own message.
#pragma once

#include <catch2/catch.hpp>
#include <string>

namespace nnplay::test {

template <class Expected, class Code>
std::string thrownMessage(Code&& code) {
  try {
    code();
  } catch (const Expected& e) {
    return e.what();
  }
  FAIL("the code did not throw the expected exception type");
  return {};
}

}  // namespace nnplay::test
