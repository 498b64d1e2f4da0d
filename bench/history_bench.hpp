// The re-score benchmark's --history mode (history_bench.cpp).
#pragma once

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/model/model.hpp"

namespace pqlscope {

int history_bench(const Aggregates& aggregates, const Model& model, int runs);

}  // namespace pqlscope
