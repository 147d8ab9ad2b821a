//===- Runner.cpp ---------------------------------------------------------===//
#include "tool/Runner.h"

#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"

namespace kmapcheck {

std::vector<TUResult> runAll(const std::vector<CompileCommand> &Commands,
                             const RuleSet &Rules,
                             const std::vector<EnabledCheck> &Checks,
                             const TUOptions &Opts, unsigned Jobs) {
  std::vector<TUResult> Results(Commands.size());
  if (Jobs == 0)
    Jobs = llvm::hardware_concurrency().compute_thread_count();
  Jobs = std::max(1u, std::min<unsigned>(Jobs, Commands.size()));
  if (Jobs == 1) {
    for (size_t K = 0; K < Commands.size(); ++K)
      Results[K] = analyzeTranslationUnit(Commands[K], Rules, Checks, Opts);
    return Results;
  }
  llvm::StdThreadPool Pool(llvm::hardware_concurrency(Jobs));
  for (size_t K = 0; K < Commands.size(); ++K)
    Pool.async([&, K] {
      Results[K] = analyzeTranslationUnit(Commands[K], Rules, Checks, Opts);
    });
  Pool.wait();
  return Results;
}

} // namespace kmapcheck
