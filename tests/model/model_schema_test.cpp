// schema/model.schema.json stays in sync with what the C++ writes, and examples/model.json
// (when present) is a valid model.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "model/model_test_util.hpp"
#include "pqlscope/model/model_json.hpp"

using namespace pqlscope;
using nlohmann::json;

namespace {

const std::filesystem::path kSource = PQLSCOPE_SOURCE_DIR;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

json load_schema() {
  const std::string text = read_file(kSource / "schema" / "model.schema.json");
  return json::parse(text);  // throws (failing the test) when the schema is not valid JSON
}

std::set<std::string> keys_of(const json& object) {
  std::set<std::string> keys;
  for (auto it = object.begin(); it != object.end(); ++it) keys.insert(it.key());
  return keys;
}

// Follows "#/$defs/x" references and single-branch-with-null oneOfs to the schema of a value.
const json& resolve(const json& schema, const json& node, const json& value) {
  if (node.contains("$ref")) {
    const std::string ref = node["$ref"].get<std::string>();
    const std::string prefix = "#/$defs/";
    EXPECT_EQ(ref.rfind(prefix, 0), 0u) << ref;
    return resolve(schema, schema["$defs"][ref.substr(prefix.size())], value);
  }
  if (node.contains("oneOf")) {
    for (const json& branch : node["oneOf"]) {
      const json& target = resolve(schema, branch, value);
      const std::string type = target.value("type", "");
      if ((value.is_null() && type == "null") || (value.is_array() && type == "array") ||
          (value.is_object() && type == "object") || (value.is_string() && type == "string")) {
        return target;
      }
    }
  }
  return node;
}

// Every object the writer produces lists exactly the properties its schema lists.
void expect_same_properties(const json& schema, const json& node_in, const json& value,
                            const std::string& path) {
  const json& node = resolve(schema, node_in, value);
  if (value.is_object() && node.contains("properties")) {
    EXPECT_EQ(keys_of(value), keys_of(node["properties"])) << "at " << (path.empty() ? "/" : path);
    EXPECT_EQ(node.value("additionalProperties", true), false) << "at " << path;
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (node["properties"].contains(it.key())) {
        expect_same_properties(schema, node["properties"][it.key()], it.value(), path + "/" + it.key());
      }
    }
  } else if (value.is_array() && node.contains("items")) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      expect_same_properties(schema, node["items"], value[i], path + "/" + std::to_string(i));
    }
  }
}

}  // namespace

TEST(ModelSchema, IsValidJsonOfDraft2020_12) {
  const json schema = load_schema();
  EXPECT_EQ(schema.value("$schema", ""), "https://json-schema.org/draft/2020-12/schema");
  EXPECT_EQ(schema.value("type", ""), "object");
  EXPECT_TRUE(schema.contains("properties"));
  EXPECT_TRUE(schema.contains("$defs"));
}

// `calibration` is written only when the model has one (docs/model.md): a calibrated default
// model lists every top-level key.
Model calibrated_default() {
  Model m = default_model();
  m.calibration.fitted = true;
  m.calibration.weights = {{"login", 0.5}};
  return m;
}

TEST(ModelSchema, TopLevelPropertiesMatchTheDefaultModel) {
  const json schema = load_schema();
  EXPECT_EQ(keys_of(model_to_json(calibrated_default())), keys_of(schema["properties"]));
}

TEST(ModelSchema, EveryNestedObjectMatches) {
  const json schema = load_schema();
  expect_same_properties(schema, schema, model_to_json(calibrated_default()), "");
  // The full model also has steps, features, enterprise features and non-null optionals.
  expect_same_properties(schema, schema, model_to_json(pqlscope::test::full_model()), "");
}

TEST(ModelSchema, PersonaNamesMatch) {
  const json schema = load_schema();
  std::set<std::string> names;
  for (std::size_t i = 0; i < kPersonaCount; ++i) names.insert(to_string(static_cast<Persona>(i)));
  std::set<std::string> listed;
  for (const json& name : schema["$defs"]["persona_row"]["properties"]["persona"]["enum"]) {
    listed.insert(name.get<std::string>());
  }
  EXPECT_EQ(listed, names);
  EXPECT_EQ(keys_of(schema["properties"]["personas"]["properties"]["probabilities"]["properties"]), names);
}

TEST(ExampleModel, ParsesWithoutErrors) {
  const std::filesystem::path path = kSource / "examples" / "model.json";
  ASSERT_TRUE(std::filesystem::exists(path)) << path << " is missing";
  const ModelParseResult result = try_parse_model(read_file(path));
  EXPECT_TRUE(result.validation.ok()) << path << ":\n" << result.validation.to_string();
}

namespace {
void collect_keys(const json& value, std::set<std::string>& keys) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      keys.insert(it.key());
      if (it.key() != "importance") collect_keys(it.value(), keys);  // importance keys are event names
    }
  } else if (value.is_array()) {
    for (const json& item : value) collect_keys(item, keys);
  }
}
}  // namespace

TEST(ModelDocs, MentionEveryKey) {
  const std::string docs = read_file(kSource / "docs" / "model.md");
  ASSERT_FALSE(docs.empty());
  std::set<std::string> keys;
  collect_keys(model_to_json(default_model()), keys);
  collect_keys(model_to_json(pqlscope::test::full_model()), keys);
  // A key counts as documented inside backticks, alone or as a segment of a dotted path
  // (`segments.trial`, `filters.regions`, `{"small": 80, ...}`).
  auto documented = [&](const std::string& key) {
    for (std::size_t at = docs.find(key); at != std::string::npos; at = docs.find(key, at + 1)) {
      const char before = at > 0 ? docs[at - 1] : ' ';
      const char after = at + key.size() < docs.size() ? docs[at + key.size()] : ' ';
      const bool starts = before == '`' || before == '.' || before == '"';
      const bool ends = after == '`' || after == '.' || after == '"' || after == ' ';
      if (starts && ends) return true;
    }
    return false;
  };
  for (const std::string& key : keys) {
    EXPECT_TRUE(documented(key)) << key << " is not documented in docs/model.md";
  }
}
