#pragma once
// Private to the cards module: turning relation names and node names into question words.

#include "mlkg/model.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace mlkg::detail {

// A relation's name as it reads in a sentence: "mitigates", "used-for" -> "is used for",
// "alternative-to" -> "is an alternative to", "is-a" -> "is a kind of", "has-property" -> "has the property".
std::string relation_phrase(std::string_view relation);

// The names a node goes by that would give the answer away: label, label without "Amazon"/"AWS",
// aliases; longest first.
std::vector<std::string> names_of(const Node& node);

// `text` with every whole-word, case-insensitive occurrence of one of `names` replaced by "___".
std::string masked(std::string_view text, const std::vector<std::string>& names);

} // namespace mlkg::detail
