// Typed exceptions. Every message is written for a learner: it names the setting, the
// value that was given and what is allowed.
#pragma once

#include <stdexcept>
#include <string>

namespace nnplay {

// Base of every error the engine throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A setting, shape or argument outside what the engine accepts.
class InvalidArgument : public Error {
 public:
  using Error::Error;
};

// A model file that cannot be read: wrong format or version, missing field, bad shape.
class ModelFormatError : public Error {
 public:
  using Error::Error;
};

// Training produced a non-finite loss or non-finite parameters.
class TrainingDiverged : public Error {
 public:
  using Error::Error;
};

// Throws InvalidArgument(message) unless condition holds.
inline void require(bool condition, const std::string& message) {
  if (!condition) throw InvalidArgument(message);
}

// "0.1" style formatting for messages (std::to_string prints 6 fixed decimals).
std::string formatNumber(double value);

}  // namespace nnplay
