// Internal to the metrics stage: the per-window normalisation of raw engagement scores
// (engagement.cpp; docs/metrics.md, "Engagement"), shared by compute_metrics and the score
// history, so that both give the same score for the same raw scores.
#pragma once

#include "metrics/plan.hpp"
#include "pqlscope/metrics/metrics.hpp"

namespace pqlscope::metrics_detail {

// Fills level.score, .reference and .active_entities from level.raw (size x windows,
// entity-major), every window on its own.
void normalise(const ScoringPlan& plan, LevelMetrics& level);

}  // namespace pqlscope::metrics_detail
