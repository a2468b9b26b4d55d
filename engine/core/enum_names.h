// One table per enum gives both directions (value → name, name → value) and the message
// listing the valid names, so every setting parsed from text fails the same clear way.
#pragma once

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"

namespace nnplay {

template <typename E, std::size_t N>
struct EnumNames {
  const char* what;  // "activation", "loss"… for messages
  std::array<std::pair<E, const char*>, N> entries;

  const char* name(E value) const {
    for (const auto& [v, n] : entries)
      if (v == value) return n;
    return "?";
  }

  // Every name in table order (the choices the schema offers).
  std::vector<std::string> names() const {
    std::vector<std::string> list;
    for (const auto& entry : entries) list.emplace_back(entry.second);
    return list;
  }

  // Throws InvalidArgument: unknown activation "x": use linear, sigmoid or tanh
  E parse(const std::string& text) const {
    for (const auto& [v, n] : entries)
      if (text == n) return v;
    std::string list;
    for (std::size_t i = 0; i < N; ++i) {
      list += i == 0 ? "" : i + 1 == N ? " or " : ", ";
      list += entries[i].second;
    }
    throw InvalidArgument(std::string("unknown ") + what + " \"" + text + "\": use " + list);
  }
};

// EnumNames<E, N> from a braced list, deducing N.
template <typename E, typename... Entries>
constexpr auto enumNames(const char* what, Entries... entries) {
  return EnumNames<E, sizeof...(Entries)>{what, {{entries...}}};
}

}  // namespace nnplay
