//===- Runner.cpp ---------------------------------------------------------===//
#include "tool/Runner.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include <mutex>

namespace kmapcheck {

std::vector<size_t> largestFirst(const std::vector<CompileCommand> &Commands) {
  std::vector<uint64_t> Size(Commands.size(), 0);
  for (size_t I = 0; I < Commands.size(); ++I)
    llvm::sys::fs::file_size(Commands[I].File, Size[I]);
  std::vector<size_t> Order(Commands.size());
  for (size_t I = 0; I < Order.size(); ++I)
    Order[I] = I;
  std::stable_sort(Order.begin(), Order.end(), [&](size_t A, size_t B) {
    if (Size[A] != Size[B])
      return Size[A] > Size[B];
    return Commands[A].File < Commands[B].File;
  });
  return Order;
}

std::vector<TUResult> runAll(const std::vector<CompileCommand> &Commands,
                             const RuleSet &Rules,
                             const std::vector<EnabledCheck> &Checks,
                             const TUOptions &Opts, unsigned Jobs,
                             const TUDoneCallback &OnDone) {
  std::vector<TUResult> Results(Commands.size());
  if (Commands.empty())
    return Results;
  std::mutex DoneLock;
  auto One = [&](size_t K) {
    if (Opts.Stop && Opts.Stop->load()) {
      Results[K].File = Commands[K].File;
      Results[K].Error = Commands[K].File + ": error: the run was interrupted";
      return;
    }
    Results[K] = analyzeTranslationUnit(Commands[K], Rules, Checks, Opts);
    if (OnDone) {
      std::lock_guard<std::mutex> G(DoneLock);
      OnDone(Results[K]);
    }
  };
  if (Jobs == 0)
    Jobs = llvm::hardware_concurrency().compute_thread_count();
  Jobs = std::max(1u, std::min<unsigned>(Jobs, Commands.size()));
  if (Jobs == 1) {
    for (size_t K = 0; K < Commands.size(); ++K)
      One(K);
    return Results;
  }
  llvm::StdThreadPool Pool(llvm::hardware_concurrency(Jobs));
  for (size_t K = 0; K < Commands.size(); ++K)
    Pool.async([&, K] { One(K); });
  Pool.wait();
  return Results;
}

} // namespace kmapcheck
