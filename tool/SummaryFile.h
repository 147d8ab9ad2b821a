//===- SummaryFile.h - --summaries FILE: summaries across runs --*- C++ -*-===//
//
// The merged function summaries of a run (core/Summaries.h) as JSON, so that
// later runs and other shards reuse them. One versioned format:
//
//   {"format": "kmapcheck-summaries", "version": 2,
//    "functions": [
//      {"name": "cfg_reload", "file": "/src/drivers/foo/cfg.c", "line": 80,
//       "sleeps": [{"call": "mutex_lock", "file": "/src/drivers/foo/cfg.c",
//                   "line": 88}],
//       "calls": [[{"call": "cfg_read", "file": "...", "line": 84}]]},
//      {"name": "buf_map", "file": "/src/drivers/foo/buf.c", "line": 12,
//       "effects": [{"kind": "maps", "map": "local", "param": 0,
//                    "via": {"call": "kmap_local_page", "file": "...",
//                            "line": 14}}]}]}
//
// "sleeps": the calls from the function to a sleeping call of the model
// through functions of its own TU (absent when there is none); "calls": the
// chains to the functions it calls that have no body in its TU; "effects":
// what it does every time to its caller's state (core/Summaries.h
// SummaryEffect): "maps" (map kind, the page's parameter or -1), "unmaps"
// (map kind, parameter, "by": "address" or "page"), "depth" ("effect": a
// rules/api effect name), "waits_for_ipi"; each with the call of the model
// that does it; "writes": the fields ("record::field") and globals its body
// and the bodies of its TU it calls assign; "depth_unknown": true when it
// may change the page-fault or preemption depth in a way "effects" cannot
// say (its callers' balance is then not judged). Version 1 files (before
// "effects" and "writes") are still read.
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_TOOL_SUMMARYFILE_H
#define KMAPCHECK_TOOL_SUMMARYFILE_H

#include "core/Summaries.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace kmapcheck {

constexpr unsigned SummaryFormatVersion = 2;

/// Parses a summaries file's \p Contents; errors name \p Path and the
/// position ("Path:LINE:COL: ..." for JSON syntax, "Path: functions[3].line:
/// ..." for the structure).
llvm::Expected<std::vector<FunctionSummary>>
parseSummaries(llvm::StringRef Path, llvm::StringRef Contents);

/// The JSON text of \p Functions (ordered as given).
std::string renderSummaries(const std::vector<FunctionSummary> &Functions);

} // namespace kmapcheck

#endif
