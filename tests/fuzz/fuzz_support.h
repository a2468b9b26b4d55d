// Shared by the libFuzzer targets. The contract every target checks: an input ends in
// success or in an nnplay::Error (what the bindings turn into a JS Error naming the
// problem). Any other exception (std::out_of_range, a JSON library error, std::bad_alloc
// from a huge request…), an abort, undefined behaviour (UBSan) or a memory error (ASan)
// is a defect; libFuzzer saves the input that caused it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <limits>
#include <string>

#include "core/error.h"

namespace nnplay::fuzz {

// Runs f; returns true when it succeeded, false on an nnplay::Error with a message.
template <typename F>
bool expectCleanOutcome(const char* what, F&& f) {
  try {
    f();
    return true;
  } catch (const Error& e) {
    if (std::strlen(e.what()) == 0) {
      std::fprintf(stderr, "%s: an nnplay::Error without a message\n", what);
      std::abort();
    }
    return false;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: escaped as a non-engine exception: %s\n", what, e.what());
    std::abort();
  }
}

// A file the engine saved must load again and save to the same text: `reload(saved)` loads it
// into a fresh model and returns that model's saveModel(). Otherwise a defect: aborts with why.
template <typename Reload>
void requireReloadsToSame(const char* what, const std::string& saved, Reload&& reload) {
  std::string again, refused;
  try {
    again = reload(saved);
  } catch (const Error& e) {
    refused = e.what();
  }
  if (!refused.empty() || again != saved) {
    std::fprintf(stderr, "a %s saved by the engine does not load again to the same file: %s\n%s\n", what,
                 refused.empty() ? "it saves differently" : refused.c_str(), saved.c_str());
    std::abort();
  }
}

// Reads little-endian values off the front of the fuzzer's bytes (zeros once exhausted).
class ByteReader {
 public:
  ByteReader(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  std::size_t remaining() const { return size_ - pos_; }
  std::uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  std::uint16_t u16() { return static_cast<std::uint16_t>(byte() | (byte() << 8)); }
  std::uint32_t u32() { return static_cast<std::uint32_t>(u16()) | (static_cast<std::uint32_t>(u16()) << 16); }
  float f32() {
    const std::uint32_t bits = u32();
    float v;
    std::memcpy(&v, &bits, sizeof v);
    return v;
  }
  // An int that is usually small but sometimes one of the values that break checks.
  int interestingInt() {
    static constexpr int kEdges[] = {0, -1, 1, 2, 3, 1023, 1024, 1025, 4096, 65536, 1000000, 2147483647, -2147483647 - 1};
    const std::uint8_t b = byte();
    if (b < 200) return b % 12;
    return kEdges[b % (sizeof kEdges / sizeof kEdges[0])];
  }
  double interestingDouble() {
    static constexpr double kEdges[] = {0.0, -0.0, 1.0, -1.0, 1e-300, 1e300, 1e6, -1e6, 1e38, 3.5e38};
    const std::uint8_t b = byte();
    if (b < 128) return static_cast<double>(f32());
    if (b < 250) return (static_cast<double>(byte()) - 128) / 16;
    if (b == 250) return std::numeric_limits<double>::quiet_NaN();
    if (b == 251) return std::numeric_limits<double>::infinity();
    if (b == 252) return -std::numeric_limits<double>::infinity();
    return kEdges[byte() % (sizeof kEdges / sizeof kEdges[0])];
  }
  std::string rest() {
    std::string s(reinterpret_cast<const char*>(data_ + pos_), size_ - pos_);
    pos_ = size_;
    return s;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

}  // namespace nnplay::fuzz
