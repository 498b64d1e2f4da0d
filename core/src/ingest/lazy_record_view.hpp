// A JSON record read through the structural scan (io/json_scan.hpp) instead of a DOM: the
// record's members are raw spans of its text, nested objects are indexed only when a path
// reaches into them, and strings are unescaped only when a needed value holds an escape.
// The answers are JsonRecordView's (record_view.hpp), value for value; what the scan does not
// index (a JSON document inside a string, a float's or an object's text) is left to nlohmann.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "pqlscope/io/json_envelope.hpp"
#include "pqlscope/io/json_scan.hpp"
#include "record_view.hpp"

namespace pqlscope {

class ScannedJsonRecord {
 public:
  // False when the scan cannot vouch for the text: the caller parses it with nlohmann, whose
  // errors and positions are the ones reported.
  bool scan(std::string_view text);
  // Singer / Airbyte messages (io/json_envelope.hpp): selects the object the paths start from.
  JsonEnvelope unwrap();

  struct Found {
    bool found = false;
    JsonSpan span;                        // the value in text()
    const nlohmann::json* dom = nullptr;  // or inside a JSON document held in a string
  };
  // JsonRecordView::find_path's rules: the key "a.b" if present, else b inside a. `path` must
  // stay where it is until forget_lookups(): lookups are kept by its address.
  Found find_path(std::string_view path) const {
    // The usual case inline: the next kept lookup is this one (the view's loop over the roles
    // called an out-of-line lookup 7 times a record, its answer returned through memory).
    if (next_known_ < known_.size()) {
      const KnownLookup& k = known_[next_known_];
      if (k.key == path.data() && k.size == path.size() && k.root == root_ && root_ < scanned_objects_) {
        ++next_known_;
        return k.member < 0 ? Found{} : Found{true, members_[static_cast<size_t>(k.member)].value, nullptr};
      }
    }
    return look_up(path);
  }
  void forget_lookups();
  std::string_view text() const { return text_; }
  std::string_view span_text(const JsonSpan& span) const { return text_.substr(span.begin, span.end - span.begin); }

 private:
  struct IndexedObject {
    uint32_t begin = 0;  // the object's '{' in text_
    uint32_t first = 0;  // its members in members_
    uint32_t count = 0;
  };
  Found look_up(std::string_view path) const;  // find_path beyond its inline case
  uint32_t object_at(JsonSpan span) const;  // indexes the object on first use
  bool member(uint32_t object, std::string_view key, JsonMember& out) const;
  int32_t search_member(uint32_t object, std::string_view key) const;  // its index in members_, or -1
  // `keep`: cleared when the answer depends on more than the shape; `index`: the member found.
  Found find_in(uint32_t object, std::string_view path, bool& keep, int32_t& index) const;
  bool same_shape_as_last() const;
  void remember_shape();

  // Records of one export nearly all have the same keys in the same order, so a path found at
  // member k of one record is at member k of the next. The lookups are kept while the scanned
  // keys stay byte for byte the same and the same members hold objects; a record of another
  // shape forgets them. Only paths that stay in objects the scan indexed are kept: their keys
  // are the shape (docs/performance-round-12.md). A path is known by its address: the paths
  // outlive the lookups (forget_lookups() when they change).
  struct KnownLookup {
    const char* key = nullptr;
    uint32_t size = 0;
    uint32_t root = 0;
    int32_t member = -1;  // -1: absent
  };
  struct ShapeMember {
    uint32_t key_at = 0;  // in shape_keys_
    uint32_t key_size = 0;
    bool object = false;  // its value is an object
  };
  static constexpr size_t kMaxKnownLookups = 64;
  mutable std::vector<KnownLookup> known_;
  mutable size_t next_known_ = 0;  // lookups come in the same order record after record
  std::vector<ShapeMember> shape_;
  std::vector<IndexedObject> shape_objects_;
  std::string shape_keys_;
  uint32_t scanned_objects_ = 0;

  std::string_view text_;
  mutable std::vector<JsonMember> members_;
  mutable std::vector<IndexedObject> objects_;
  mutable std::vector<JsonMember> nested_;
  JsonNestedObjects scanned_below_;  // the scan's index of the objects one level down
  uint32_t root_ = 0;
  mutable nlohmann::json string_document_;  // PostHog's `properties` exported as a JSON string
};

class LazyJsonRecordView final : public RecordView {
 public:
  LazyJsonRecordView(const ScannedJsonRecord& record, const std::vector<std::vector<std::string>>& paths,
                     RoleScratch& scratch)
      : record_(record), paths_(paths), scratch_(scratch) {}
  FieldValue get(size_t role_index) const override;

 private:
  const ScannedJsonRecord& record_;
  const std::vector<std::vector<std::string>>& paths_;
  RoleScratch& scratch_;
};

}  // namespace pqlscope
