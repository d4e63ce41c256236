// The JSON-LD context documents compiled into the runtime (generated from npm packages at build time).
#pragma once

#include <string_view>
#include <vector>

namespace tessera::jsonld::detail {

struct ShippedContext {
  std::string_view url;
  std::string_view text;  // the whole context document, JSON
};

const std::vector<ShippedContext>& shipped_contexts();

}  // namespace tessera::jsonld::detail
