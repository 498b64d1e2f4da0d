// `pqlscope init`: a starter model suggested from the event names of a data file.
//
// Heuristics (docs/model.md, "Starter model"):
// - Plumbing events (login, logout, session, page / screen views, identify, heartbeat, signup,
//   anything starting with "$") and negative signals (error, failed, cancel, unsubscribe,
//   downgrade, churn) get importance 0: they are not engagement.
// - Every other event gets 1..10 by rarity: on a log scale of total counts between the most
//   frequent (1) and the rarest (10) of these events, because deep actions are rarer than
//   shallow ones. Passive events (view, open, visit, click, ...) are capped at 3.
// - The example checklist: up to `max_steps` account-level steps, one per event with importance
//   > 0 reached by at least `min_step_reach` of the accounts, the most widespread first; if no
//   event reaches that, the 3 most widespread such events.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pqlscope/model/model.hpp"

namespace pqlscope {

struct EventNameStats {
  std::string name;
  uint64_t total_count = 0;        // events with this name
  uint64_t distinct_accounts = 0;  // accounts that did it at least once
  uint64_t distinct_users = 0;     // users that did it at least once
};

struct StarterOptions {
  uint64_t total_accounts = 0;     // 0 = estimate as the largest distinct_accounts of any event
  std::size_t max_steps = 5;
  double min_step_reach = 0.2;     // share of accounts an event must reach to become a step
};

// What the name says about an event, from its words (split on punctuation and camelCase).
enum class EventNameKind : uint8_t {
  plumbing,  // login, session, page view, identify, ... -> 0
  negative,  // error, failed, cancel, unsubscribe, ... -> 0
  passive,   // viewed, opened, visited, clicked, ... -> rarity, at most 3
  action,    // everything else -> rarity, 1..10
};
EventNameKind classify_event_name(std::string_view name);

// The default model with a suggested importance for every event name seen and an example
// account-level checklist. Deterministic for a given set of stats (order does not matter;
// repeated names are merged).
Model starter_model(const std::vector<EventNameStats>& events, const StarterOptions& options = {});

// Whether an event name reads as a user inviting someone (the starter model's
// signals.invite_events): invite / invited / invite_sent / user_invited / invitation, or add /
// added with member / user / teammate / seat / collaborator; not the invitee's side (accepted,
// declined) nor an invitation undone (revoked, expired, cancelled, failed).
bool is_invite_event_name(std::string_view name);

}  // namespace pqlscope
