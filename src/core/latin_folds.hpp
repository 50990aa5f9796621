#pragma once
// Written by scripts/latin-folds: how a name key spells each letter of U+00C0-U+024F, from its Unicode
// name ("" keeps the letter as it is).

#include <array>
#include <string_view>

namespace mlkg::detail {

constexpr char32_t latin_folds_first = 0xC0;
constexpr std::array<std::string_view, 400> latin_folds = {
    "a",  "a", "a",  "a",  "a", "a",  "ae", "c",  "e",  "e", "e",  "e",  "i", "i",  "i",  "i",  "d",  "n",  "o",  "o",
    "o",  "o", "o",  "",   "o", "u",  "u",  "u",  "u",  "y", "th", "ss", "a", "a",  "a",  "a",  "a",  "a",  "ae", "c",
    "e",  "e", "e",  "e",  "i", "i",  "i",  "i",  "d",  "n", "o",  "o",  "o", "o",  "o",  "",   "o",  "u",  "u",  "u",
    "u",  "y", "th", "y",  "a", "a",  "a",  "a",  "a",  "a", "c",  "c",  "c", "c",  "c",  "c",  "c",  "c",  "d",  "d",
    "d",  "d", "e",  "e",  "e", "e",  "e",  "e",  "e",  "e", "e",  "e",  "g", "g",  "g",  "g",  "g",  "g",  "g",  "g",
    "h",  "h", "h",  "h",  "i", "i",  "i",  "i",  "i",  "i", "i",  "i",  "i", "i",  "ij", "ij", "j",  "j",  "k",  "k",
    "k",  "l", "l",  "l",  "l", "l",  "l",  "l",  "l",  "l", "l",  "n",  "n", "n",  "n",  "n",  "n",  "n",  "n",  "n",
    "o",  "o", "o",  "o",  "o", "o",  "oe", "oe", "r",  "r", "r",  "r",  "r", "r",  "s",  "s",  "s",  "s",  "s",  "s",
    "s",  "s", "t",  "t",  "t", "t",  "t",  "t",  "u",  "u", "u",  "u",  "u", "u",  "u",  "u",  "u",  "u",  "u",  "u",
    "w",  "w", "y",  "y",  "y", "z",  "z",  "z",  "z",  "z", "z",  "s",  "b", "b",  "b",  "b",  "",   "",   "",   "c",
    "c",  "",  "d",  "d",  "d", "",   "",   "",   "",   "f", "f",  "g",  "",  "hv", "",   "i",  "k",  "k",  "l",  "",
    "",   "n", "n",  "o",  "o", "o",  "oi", "oi", "p",  "p", "",   "",   "",  "",   "",   "t",  "t",  "t",  "t",  "u",
    "u",  "",  "v",  "y",  "y", "z",  "z",  "",   "",   "",  "",   "",   "",  "",   "",   "",   "",   "",   "",   "",
    "dz", "d", "dz", "lj", "l", "lj", "nj", "n",  "nj", "a", "a",  "i",  "i", "o",  "o",  "u",  "u",  "u",  "u",  "u",
    "u",  "u", "u",  "u",  "u", "",   "a",  "a",  "a",  "a", "ae", "ae", "g", "g",  "g",  "g",  "k",  "k",  "o",  "o",
    "o",  "o", "",   "",   "j", "dz", "d",  "dz", "g",  "g", "",   "",   "n", "n",  "a",  "a",  "ae", "ae", "o",  "o",
    "a",  "a", "a",  "a",  "e", "e",  "e",  "e",  "i",  "i", "i",  "i",  "o", "o",  "o",  "o",  "r",  "r",  "r",  "r",
    "u",  "u", "u",  "u",  "s", "s",  "t",  "t",  "",   "",  "h",  "h",  "n", "d",  "ou", "ou", "z",  "z",  "a",  "a",
    "e",  "e", "o",  "o",  "o", "o",  "o",  "o",  "o",  "o", "y",  "y",  "l", "n",  "t",  "",   "",   "",   "a",  "c",
    "c",  "l", "t",  "s",  "z", "",   "",   "b",  "",   "",  "e",  "e",  "j", "j",  "",   "q",  "r",  "r",  "y",  "y",
};

} // namespace mlkg::detail
