//===- Validate.cpp - kmapcheck validate ----------------------------------===//
//
// Every rule is shown right on the reference implementation (reference/):
// each scenario is run dynamically on the model under the deterministic
// scheduler, and analysed statically by kmapcheck's checks; the two verdicts
// must agree with what the scenario expects. The table has a row per
// scenario; every check must have a bad and a good one. A scenario about the
// model's own design (check id KMAPREF_MODEL_ONLY, e.g. the context switch of
// local mappings under interrupts) has only a dynamic verdict; the checks
// must report nothing on it.
//
//===----------------------------------------------------------------------===//
#include "tool/Validate.h"

#include "checks/CheckRegistry.h"
#include "tool/TUAnalysis.h"

#include "kmapref/kmapref.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include <map>
#include <set>

namespace kmapcheck {

namespace {
struct Row {
  std::string Scenario, Check;
  bool ExpectBad = false;
  bool ModelOnly = false; // no static verdict
  bool StaticBad = false;
  std::vector<std::string> Unexpected; // other checks reported statically
  std::string StaticError;
  bool DynamicBad = false;
  std::string Dynamic; // failure and schedule, or the bound explored
  std::string Schedule;
  unsigned long Interleavings = 0;
  unsigned Bound = 0;
  bool Agree = false;
};
} // namespace

int runValidate(const ValidateOptions &O, const RuleSet &Rules,
                llvm::raw_ostream &Out, llvm::raw_ostream &Err) {
  llvm::SmallString<256> RefDir(O.DataDir);
  llvm::sys::path::append(RefDir, "reference");
  llvm::SmallString<256> Inc(RefDir);
  llvm::sys::path::append(Inc, "include");

  if (!O.ReplayScenario.empty()) {
    const kmapref_scenario *S = kmapref_scenario_find(O.ReplayScenario.c_str());
    if (!S) {
      Err << "kmapcheck: error: no scenario named '" << O.ReplayScenario
          << "'\n";
      return 2;
    }
    kmapref_result R;
    if (kmapref_replay(S, O.ReplaySchedule.c_str(), &R) != 0) {
      Err << "kmapcheck: error: schedule '" << O.ReplaySchedule
          << "' cannot be replayed on " << O.ReplayScenario << "\n";
      return 2;
    }
    Out << O.ReplayScenario << ": "
        << (R.failed ? std::string("failed: ") + R.failure
                     : std::string("passed"))
        << " [schedule " << R.schedule << "]\n";
    return R.failed ? 1 : 0;
  }

  std::vector<EnabledCheck> All;
  for (const RegisteredCheck &RC : registeredChecks()) {
    const CheckSpec &Spec = Rules.Checks.at(RC.Id);
    auto Opts = resolveOptions(Spec, {});
    if (!Opts) {
      Err << "kmapcheck: error: " << llvm::toString(Opts.takeError()) << "\n";
      return 2;
    }
    All.push_back({&Spec, std::move(*Opts), RC.Create});
  }
  TUOptions TUOpts;
  TUOpts.ResourceDir = O.ResourceDir;

  std::vector<Row> Rows;
  std::map<std::string, std::pair<bool, bool>> Covered; // check -> bad, good
  for (unsigned I = 0; I < kmapref_scenario_count(); ++I) {
    const kmapref_scenario *S = kmapref_scenario_at(I);
    Row R;
    R.Scenario = S->name;
    R.Check = S->check_id;
    R.ExpectBad = S->expect_bad;
    R.ModelOnly = R.Check == KMAPREF_MODEL_ONLY;
    (R.ExpectBad ? Covered[R.Check].first : Covered[R.Check].second) = true;

    // Static: kmapcheck's checks on the scenario's source.
    llvm::SmallString<256> Src(RefDir);
    llvm::sys::path::append(Src, S->source);
    CompileCommand Cmd{
        std::string(RefDir),
        std::string(Src),
        {"cc", "-std=gnu11", "-I" + std::string(Inc), std::string(Src)}};
    TUResult T = analyzeTranslationUnit(Cmd, Rules, All, TUOpts);
    std::set<std::string> Allowed{R.Check};
    llvm::SmallVector<llvm::StringRef, 4> Also;
    llvm::StringRef(S->also_flags).split(Also, ',', -1, false);
    for (llvm::StringRef A : Also)
      Allowed.insert(A.trim().str());
    if (!T.Analysed) {
      R.StaticError = T.Error;
    } else {
      std::set<std::string> Other;
      for (const Finding &F : T.Findings) {
        if (F.CheckId == R.Check)
          R.StaticBad = true;
        else if (!Allowed.count(F.CheckId))
          Other.insert(F.CheckId);
      }
      R.Unexpected.assign(Other.begin(), Other.end());
    }

    // Dynamic: the scenario on the model, interleavings explored up to the
    // bound.
    kmapref_result D;
    kmapref_explore(S, O.Bound, &D);
    R.DynamicBad = D.failed;
    R.Interleavings = D.interleavings;
    R.Bound = D.bound;
    R.Schedule = D.failed ? D.schedule : "";
    R.Dynamic = D.failed ? std::string(D.failure)
                         : "no failure up to bound " + std::to_string(D.bound) +
                               (D.truncated ? " (budget exhausted)" : "");
    R.Agree = R.StaticError.empty() && R.Unexpected.empty() &&
              (R.ModelOnly || R.StaticBad == R.ExpectBad) &&
              R.DynamicBad == R.ExpectBad;
    Rows.push_back(std::move(R));
  }
  // Every check has a bad and a good scenario.
  for (const RegisteredCheck &RC : registeredChecks()) {
    auto C = Covered[RC.Id];
    for (int Bad = 1; Bad >= 0; --Bad)
      if (!(Bad ? C.first : C.second)) {
        Row R;
        R.Scenario =
            std::string("(missing ") + (Bad ? "bad" : "good") + " scenario)";
        R.Check = RC.Id;
        R.ExpectBad = Bad;
        R.StaticBad = !Bad;
        R.DynamicBad = !Bad;
        R.Dynamic = "no scenario";
        Rows.push_back(R);
      }
  }

  unsigned Disagree = 0;
  for (const Row &R : Rows)
    Disagree += !R.Agree;
  auto Verdict = [](bool Bad) { return Bad ? "bad" : "good"; };
  auto StaticVerdict = [&](const Row &R) -> std::string {
    if (!R.StaticError.empty())
      return "error";
    return R.ModelOnly ? "-" : Verdict(R.StaticBad);
  };
  if (O.Json) {
    llvm::json::Array Arr;
    for (const Row &R : Rows) {
      llvm::json::Array Unexp;
      for (const std::string &U : R.Unexpected)
        Unexp.push_back(U);
      Arr.push_back(llvm::json::Object{
          {"scenario", R.Scenario},
          {"check", R.Check},
          {"expected", Verdict(R.ExpectBad)},
          {"static", StaticVerdict(R)},
          {"static_error", R.StaticError},
          {"static_unexpected", std::move(Unexp)},
          {"dynamic", Verdict(R.DynamicBad)},
          {"dynamic_detail", R.Dynamic},
          {"schedule", R.Schedule},
          {"interleavings", int64_t(R.Interleavings)},
          {"bound", int64_t(R.Bound)},
          {"agree", R.Agree},
      });
    }
    Out << llvm::formatv("{0:2}", llvm::json::Value(llvm::json::Object{
                                      {"bound", int64_t(O.Bound)},
                                      {"rows", std::move(Arr)},
                                      {"disagreements", int64_t(Disagree)}}))
        << "\n";
  } else {
    Out << llvm::formatv("{0,-26} {1,-37} {2,-8} {3,-7} {4,-7} {5,-5} {6}\n",
                         "scenario", "check", "expected", "static", "dynamic",
                         "agree", "detail");
    for (const Row &R : Rows) {
      std::string Static = StaticVerdict(R);
      std::string Detail = R.Dynamic;
      if (!R.Schedule.empty())
        Detail += " [schedule " + R.Schedule + "]";
      else if (R.Interleavings)
        Detail += ", " + std::to_string(R.Interleavings) + " interleavings";
      if (!R.Unexpected.empty())
        Detail += "; static also reported: " + llvm::join(R.Unexpected, ",");
      if (!R.StaticError.empty())
        Detail += "; " + R.StaticError;
      Out << llvm::formatv("{0,-26} {1,-37} {2,-8} {3,-7} {4,-7} {5,-5} {6}\n",
                           R.Scenario, R.Check, Verdict(R.ExpectBad), Static,
                           Verdict(R.DynamicBad), R.Agree ? "yes" : "NO",
                           Detail);
    }
    Out << Rows.size() << " rows, " << Disagree
        << " disagreement(s); dynamic exploration up to preemption bound "
        << O.Bound << "\n";
  }
  return Disagree ? 1 : 0;
}

} // namespace kmapcheck
