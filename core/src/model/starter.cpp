// `pqlscope init`: suggested importances and an example checklist from event-name statistics.
#include "pqlscope/model/starter.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>
#include <map>

namespace pqlscope {

namespace {

bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
// Bytes of UTF-8 sequences are kept inside words.
bool is_word(char c) {
  return is_lower(c) || is_upper(c) || is_digit(c) || static_cast<unsigned char>(c) >= 0x80;
}

// "Project Created", "project_created", "projectCreated", "$pageview" -> lowercase words.
std::vector<std::string> words_of(std::string_view name) {
  std::vector<std::string> words;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) words.push_back(std::move(current));
    current.clear();
  };
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (!is_word(c)) {
      flush();
      continue;
    }
    // camelCase and "HTTPRequest" boundaries: aB, and AAb (the last capital starts a word).
    if (is_upper(c) && !current.empty()) {
      const char previous = name[i - 1];
      const bool next_lower = i + 1 < name.size() && is_lower(name[i + 1]);
      if (is_lower(previous) || is_digit(previous) || (is_upper(previous) && next_lower)) flush();
    }
    current += is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
  }
  flush();
  return words;
}

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// Words that alone make an event plumbing: authentication, sessions, tracking calls.
constexpr std::array<std::string_view, 22> kPlumbingWords{
    "login",     "logout",     "logon",       "logoff",     "signin",       "signout",
    "signup",    "signedup",   "pageview",    "pageviews",  "pageleave",    "screenview",
    "screenviews", "identify", "identified",  "heartbeat",  "ping",         "autocapture",
    "register",  "registered", "registration", "keepalive"};
// Whole names that are tracking calls of analytics SDKs (Segment page / screen / identify ...).
constexpr std::array<std::string_view, 8> kPlumbingNames{"page",  "screen", "track",   "identify",
                                                         "alias", "group",  "pageview", "session"};
// First word of a plumbing pair, and the second words that complete it.
struct PlumbingPair {
  std::array<std::string_view, 2> first;
  std::array<std::string_view, 12> second;
};
constexpr std::array<PlumbingPair, 7> kPlumbingPairs{{
    // Sessions, but not "session_recording_shared" (a product feature).
    {{"session", "sessions"},
     {"start", "started", "end", "ended", "begin", "began", "expired", "resumed", "timeout", "created"}},
    {{"new", "start"}, {"session"}},
    {{"log", "logged"}, {"in", "out", "on", "off"}},
    {{"sign", "signed"}, {"in", "out", "up"}},
    {{"page", "pages"}, {"view", "viewed", "views", "load", "loaded", "visit", "visited", "leave", "left"}},
    {{"screen", "screens"}, {"view", "viewed", "views"}},
    {{"app", "application"},
     {"open", "opened", "launch", "launched", "close", "closed", "background", "backgrounded",
      "foreground", "foregrounded", "installed", "updated"}},
}};
constexpr std::array<std::string_view, 27> kNegativeWords{
    "error",       "errors",     "failed",      "failure",     "fail",        "fails",
    "exception",   "crash",      "crashed",     "cancel",      "cancelled",   "canceled",
    "cancellation", "unsubscribe", "unsubscribed", "churn",     "churned",     "downgrade",
    "downgraded",  "bounce",     "bounced",     "uninstall",   "uninstalled", "deactivate",
    "deactivated", "timeout",    "rejected"};
constexpr std::array<std::string_view, 21> kPassiveWords{
    "view",   "viewed",   "views",   "open",    "opened",    "visit",    "visited",
    "click",  "clicked",  "seen",    "shown",   "display",   "displayed", "hover",
    "hovered", "scroll",  "scrolled", "impression", "preview", "previewed", "expanded"};

std::string slug_of(std::string_view name) {
  std::string slug;
  for (const std::string& word : words_of(name)) {
    std::string clean;
    for (char c : word) {
      if (is_lower(c) || is_digit(c)) clean += c;
    }
    if (clean.empty()) continue;
    if (!slug.empty()) slug += '_';
    slug += clean;
  }
  return slug.empty() ? "step" : slug;
}

std::string label_of(std::string_view name) {
  std::string label;
  for (const std::string& word : words_of(name)) {
    if (!label.empty()) label += ' ';
    label += word;
  }
  if (label.empty()) return std::string(name);
  if (is_lower(label[0])) label[0] = static_cast<char>(label[0] - 'a' + 'A');
  return label;
}

}  // namespace

EventNameKind classify_event_name(std::string_view name) {
  if (!name.empty() && name[0] == '$') return EventNameKind::plumbing;  // PostHog / Mixpanel internals
  const std::vector<std::string> words = words_of(name);
  std::string joined;
  for (const std::string& word : words) joined += word;
  if (contains(kPlumbingNames, joined)) return EventNameKind::plumbing;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (contains(kPlumbingWords, words[i])) return EventNameKind::plumbing;
    if (i + 1 < words.size()) {
      for (const PlumbingPair& pair : kPlumbingPairs) {
        if (contains(pair.first, words[i]) && contains(pair.second, words[i + 1])) {
          return EventNameKind::plumbing;
        }
      }
      // "viewed page", "opened app"
      if (contains(kPassiveWords, words[i]) &&
          (words[i + 1] == "page" || words[i + 1] == "screen" || words[i + 1] == "app")) {
        return EventNameKind::plumbing;
      }
    }
  }
  for (const std::string& word : words) {
    if (contains(kNegativeWords, word)) return EventNameKind::negative;
  }
  for (const std::string& word : words) {
    if (contains(kPassiveWords, word)) return EventNameKind::passive;
  }
  return EventNameKind::action;
}

Model starter_model(const std::vector<EventNameStats>& events, const StarterOptions& options) {
  // Merge repeated names; keep a deterministic order (by name).
  std::map<std::string, EventNameStats> merged;
  for (const EventNameStats& stats : events) {
    if (stats.name.empty()) continue;
    auto [it, inserted] = merged.try_emplace(stats.name, stats);
    if (!inserted) {
      it->second.total_count += stats.total_count;
      it->second.distinct_accounts = std::max(it->second.distinct_accounts, stats.distinct_accounts);
      it->second.distinct_users = std::max(it->second.distinct_users, stats.distinct_users);
    }
  }

  Model model = default_model();
  model.name = "starter";

  // Importance: plumbing and negative events 0; the rest by rarity on a log scale.
  double log_min = 0, log_max = 0;
  bool any_scored = false;
  for (const auto& [name, stats] : merged) {
    const EventNameKind kind = classify_event_name(name);
    if (kind == EventNameKind::plumbing || kind == EventNameKind::negative) continue;
    const double l = std::log(static_cast<double>(std::max<uint64_t>(stats.total_count, 1)));
    log_min = any_scored ? std::min(log_min, l) : l;
    log_max = any_scored ? std::max(log_max, l) : l;
    any_scored = true;
  }
  for (const auto& [name, stats] : merged) {
    const EventNameKind kind = classify_event_name(name);
    int importance = 0;
    if (kind == EventNameKind::action || kind == EventNameKind::passive) {
      const double l = std::log(static_cast<double>(std::max<uint64_t>(stats.total_count, 1)));
      const double rarity = log_max > log_min ? (log_max - l) / (log_max - log_min) : 0.5;
      importance = 1 + static_cast<int>(std::lround(9.0 * rarity));
      if (kind == EventNameKind::passive) importance = std::min(importance, 3);
    }
    model.engagement.importance[name] = importance;
  }

  // The example checklist: widespread events with importance > 0, actions before passive ones.
  uint64_t total_accounts = options.total_accounts;
  if (total_accounts == 0) {
    for (const auto& [name, stats] : merged) {
      total_accounts = std::max(total_accounts, stats.distinct_accounts);
    }
  }
  struct Candidate {
    const EventNameStats* stats;
    bool passive;
  };
  std::vector<Candidate> candidates;
  for (const auto& [name, stats] : merged) {
    if (model.engagement.importance[name] > 0 && stats.distinct_accounts > 0) {
      candidates.push_back({&stats, classify_event_name(name) == EventNameKind::passive});
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.passive != b.passive) return !a.passive;
    if (a.stats->distinct_accounts != b.stats->distinct_accounts) {
      return a.stats->distinct_accounts > b.stats->distinct_accounts;
    }
    if (a.stats->total_count != b.stats->total_count) return a.stats->total_count > b.stats->total_count;
    return a.stats->name < b.stats->name;
  });
  std::vector<const EventNameStats*> chosen;
  if (total_accounts > 0) {
    for (const Candidate& candidate : candidates) {
      if (chosen.size() >= options.max_steps) break;
      const double reach = static_cast<double>(candidate.stats->distinct_accounts) /
                           static_cast<double>(total_accounts);
      if (reach >= options.min_step_reach) chosen.push_back(candidate.stats);
    }
    if (chosen.empty()) {
      // Nothing is widespread: still show what a checklist looks like with the widest events.
      std::vector<Candidate> by_reach = candidates;
      std::stable_sort(by_reach.begin(), by_reach.end(), [](const Candidate& a, const Candidate& b) {
        return a.stats->distinct_accounts > b.stats->distinct_accounts;
      });
      for (const Candidate& candidate : by_reach) {
        if (chosen.size() >= std::min<std::size_t>(3, options.max_steps)) break;
        chosen.push_back(candidate.stats);
      }
    }
  }
  for (const EventNameStats* stats : chosen) {
    ActivationStep step;
    step.id = slug_of(stats->name);
    const std::string base = step.id;
    for (int suffix = 2;; ++suffix) {
      const bool taken = std::any_of(model.activation.steps.begin(), model.activation.steps.end(),
                                     [&](const ActivationStep& s) { return s.id == step.id; });
      if (!taken) break;
      step.id = base + "_" + std::to_string(suffix);
    }
    step.label = label_of(stats->name);
    step.level = StepLevel::account;
    step.events = {stats->name};
    model.activation.steps.push_back(std::move(step));
  }

  // Invitation signals: the names that read as a user inviting someone (merged is sorted by name).
  for (const auto& [name, stats] : merged) {
    if (is_invite_event_name(name)) model.signals.invite_events.push_back(name);
  }
  return model;
}

bool is_invite_event_name(std::string_view name) {
  const std::vector<std::string> words = words_of(name);
  auto has = [&](std::initializer_list<std::string_view> list) {
    return std::any_of(words.begin(), words.end(), [&](const std::string& w) {
      return std::find(list.begin(), list.end(), w) != list.end();
    });
  };
  // The invitee's side or an invitation undone is not the inviter acting.
  if (has({"accepted", "accept", "declined", "decline", "revoked", "revoke", "expired", "cancelled", "canceled",
           "deleted", "removed", "failed", "resent", "viewed", "opened", "clicked"})) {
    return false;
  }
  if (has({"invite", "invited", "invites", "invitation", "invitations", "inviting"})) return true;
  // "add_member", "member_added", "teammate added", "user added", "seat added".
  return has({"add", "added", "adds"}) && has({"member", "members", "teammate", "teammates", "user", "users", "seat", "seats", "collaborator", "collaborators"});
}

}  // namespace pqlscope
