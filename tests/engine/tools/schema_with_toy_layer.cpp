// Prints the engine's schema with the toy layer kind (support/toy_layer.h) registered: what a
// build with one more layer kind exports. tests/engine/toy_schema_outputs.cmake feeds it to
// build-scripts/generate-schema.mjs to show that the TypeScript types, the API reference and
// the page's copy pick the kind up with nothing else edited.
#include <iostream>

#include "schema/schema_json.h"
#include "support/toy_layer.h"

int main() {
  const nnplay::test::ToyRegistered toy;
  std::cout << nnplay::engineSchema().dump() << "\n";
  return 0;
}
