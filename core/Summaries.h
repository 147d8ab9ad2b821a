//===- Summaries.h - Facts about functions across TUs -----------*- C++ -*-===//
//
// A run over a compile database summarises every externally visible function
// of the TUs it analyses (in the same parse as the checks): whether it may
// sleep, through which calls, and which functions without a body in its TU
// it calls; and what it does every time to the state the checks follow:
// maps a page and returns the address, unmaps its argument, changes the
// page-fault, preemption or IRQ depth, waits for IPIs. The summaries of all
// TUs are merged into a SummaryIndex, which follows those calls across TUs:
// a function may sleep when a function it calls in another TU may. The path
// engine consults the index for callees that have no body in the TU it
// analyses: a summarised mapping wrapper acts there as the model's entry it
// stands for.
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_CORE_SUMMARIES_H
#define KMAPCHECK_CORE_SUMMARIES_H

#include "core/ApiModel.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include <cstdint>
#include <string>
#include <vector>

namespace clang {
class FunctionDecl;
}

namespace kmapcheck {

class TUContext;

/// A call on the way to a fact: \p Callee called at File:Line.
struct SummaryStep {
  std::string Callee;
  std::string File;
  unsigned Line = 0;
  friend bool operator==(const SummaryStep &A, const SummaryStep &B) {
    return A.Callee == B.Callee && A.File == B.File && A.Line == B.Line;
  }
};
using SummaryChain = std::vector<SummaryStep>;

/// One thing a function does every time it runs, through one call of the
/// model in its own body (the call is \c Via).
struct SummaryEffect {
  enum class Kind {
    Maps,       // maps a page and returns the address (or the page's handle)
    Unmaps,     // unmaps its parameter Param
    Depth,      // changes a depth: Depth is the effect
    WaitsForIpi // waits for other CPUs to run a function
  };
  Kind What = Kind::Maps;
  MapKind Map = MapKind::Local; // Maps, Unmaps
  /// Maps: the parameter passed as the page (-1: none, or not a parameter);
  /// Unmaps: the parameter released.
  int Param = -1;
  bool ByAddress = true; // Unmaps: the parameter is the address (not kunmap())
  Effect Depth = Effect::PagefaultDisable;
  SummaryStep Via;
  friend bool operator==(const SummaryEffect &A, const SummaryEffect &B) {
    return A.What == B.What && A.Map == B.Map && A.Param == B.Param &&
           A.ByAddress == B.ByAddress && A.Depth == B.Depth && A.Via == B.Via;
  }
};

/// What one TU knows of one of its functions (through its TU-local callees).
struct FunctionSummary {
  std::string Name;
  std::string File; // where it is defined
  unsigned Line = 0;
  /// The calls from this function to a sleeping call of the model
  /// (mutex_lock, an allocation with constant sleeping GFP flags), through
  /// TU-local callees; empty when no path of its TU reaches one.
  SummaryChain Sleeps;
  /// Chains to the functions it calls (directly or through TU-local
  /// callees) that have no body in its TU; the last step names the callee.
  std::vector<SummaryChain> Calls;
  /// What it does every time it runs to the state the checks follow; empty
  /// unless every call of the model in its body (and none in its TU-local
  /// callees) runs every time and says what happens to the caller.
  std::vector<SummaryEffect> Effects;
  /// What its body (and the bodies of its TU it calls) assigns, by name:
  /// fields as "record::field" (req::buf), globals by their name; sorted.
  /// A call of it from another TU may change those, and nothing else that
  /// holds a mapping (IdentityModel.cpp).
  std::vector<std::string> Writes;
  /// It may change the page-fault or preemption depth (its body or a
  /// static helper of its TU calls such an effect), but not in a way
  /// Effects can say (behind a test, an early exit): a caller's balance is
  /// not judged on the paths through it.
  bool DepthUnknown = false;
  friend bool operator==(const FunctionSummary &A, const FunctionSummary &B) {
    return A.Name == B.Name && A.File == B.File && A.Line == B.Line &&
           A.Sleeps == B.Sleeps && A.Calls == B.Calls &&
           A.Effects == B.Effects && A.Writes == B.Writes &&
           A.DepthUnknown == B.DepthUnknown;
  }
};

/// The merged summaries of a run, with what follows across TUs.
class SummaryIndex {
public:
  /// Adds \p S; finalize() after the last one.
  void add(FunctionSummary S) { Functions.push_back(std::move(S)); }
  /// Drops the summaries of functions defined in \p File (it is analysed
  /// again in this run).
  void dropFile(llvm::StringRef File);
  /// Orders the summaries (file, line, name) and computes, per function
  /// name, the shortest chain of calls to a sleeping call across TUs.
  void finalize();

  /// The calls through which the function named \p Name may sleep (its
  /// first step is a call it makes), or null.
  const SummaryChain *sleepChain(llvm::StringRef Name) const;
  /// The model entry that stands for a call of \p Name, made from its
  /// summary's effects (ApiEntry::Via says how it does them), or null.
  const ApiEntry *effectEntry(llvm::StringRef Name) const;
  /// Whether the function named \p Name may change a depth in a way its
  /// summary cannot say (FunctionSummary::DepthUnknown).
  bool depthUnknown(llvm::StringRef Name) const {
    return DepthUnknownNames.count(Name);
  }
  /// A text that differs when effectEntry(\p Name) does ("" when null).
  std::string effectSignature(llvm::StringRef Name) const;
  /// What the function named \p Name assigns (FunctionSummary::Writes), or
  /// null when no summary says.
  const std::vector<std::string> *writesOf(llvm::StringRef Name) const;
  const std::vector<FunctionSummary> &functions() const { return Functions; }
  bool empty() const { return Functions.empty(); }

private:
  std::vector<FunctionSummary> Functions;
  llvm::StringMap<SummaryChain> Sleeping;
  llvm::StringMap<ApiEntry> EffectEntries;
  llvm::StringMap<std::vector<std::string>> Written;
  llvm::StringSet<> DepthUnknownNames;
};

/// "f() may sleep: it calls g() at a.c:5, which calls mutex_lock() at b.c:9"
std::string describeSleepChain(llvm::StringRef Name, const SummaryChain &C);

/// "f() maps a page and returns its address: it calls kmap_local_page() at
/// a.c:5"; several effects are joined with "; ".
std::string describeEffects(llvm::StringRef Name,
                            const std::vector<SummaryEffect> &Effects);

/// Summarises the externally visible functions of the TU's own code.
/// \p GfpSleepBit is the GFP bit that makes an allocation sleep in this TU
/// (0: flags never do). \p Writes, when given, names what a function
/// assigns (FunctionSummary::Writes; the engine's write sets).
std::vector<FunctionSummary> summarizeTU(
    TUContext &Ctx, uint64_t GfpSleepBit,
    llvm::function_ref<std::vector<std::string>(const clang::FunctionDecl *)>
        Writes = nullptr);

} // namespace kmapcheck

#endif
