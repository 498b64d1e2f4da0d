// Per event name: how often, by how many accounts and users. Feeds `pqlscope init`.
#pragma once

#include <vector>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/model/starter.hpp"

namespace pqlscope {

std::vector<EventNameStats> event_name_stats(const Aggregates& aggregates);

}  // namespace pqlscope
