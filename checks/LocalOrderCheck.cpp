//===- LocalOrderCheck.cpp - kmap-local-order -----------------------------===//
//
// Local mappings are a per-task stack (kmap_ctrl.idx): they must be
// released in reverse order of mapping. An unmap of a live local or atomic
// mapping that is not the most recent one on this path is reported, with
// both mappings in the notes. When the unmaps are adjacent statements the
// fix-it puts the run of them that starts at the first misplaced one in
// reverse order of mapping, in one step (one --fix run converges).
//
// False-positive policy: only mappings created on the analysed path are
// considered; an unmap of an address that no map on the path returned (a
// parameter) is ignored.
//
//===----------------------------------------------------------------------===//
#include "checks/LocalOrderCheck.h"
#include "core/StmtUtils.h"
#include "clang/Basic/SourceManager.h"

namespace kmapcheck {
using namespace clang;

LocalOrderCheck::LocalOrderCheck(const CheckSpec &Spec, CheckOptions Options)
    : PathCheck(Spec, std::move(Options)) {}

void LocalOrderCheck::beforeUnmap(PathContext &P, const ApiCall &AC,
                                  const UnmapTarget &T) {
  if (!T.Mapping || T.Mapping->Released || T.Mapping->Kind == MapKind::Global)
    return;
  std::vector<MappingView> Live = P.liveLocals();
  if (Live.empty() || Live.front().Id == T.Mapping->Id)
    return;
  const MappingView &Top = Live.front();
  std::vector<FindingNote> Notes{P.createdNote(*T.Mapping), P.createdNote(Top)};
  // Fix-it: the run of adjacent unmap statements that starts here is put in
  // reverse order of mapping, all at once, so one --fix run converges.
  std::vector<Replacement> Fixes;
  ASTContext &Ctx = P.tu().ast();
  const Stmt *S1 = AC.Fixable ? userStatementOf(Ctx, AC.Call) : nullptr;
  auto Covered = S1 ? RunOf.find(S1) : RunOf.end();
  if (S1 && (Covered == RunOf.end() || Covered->second == S1)) {
    // The unmap call of statement S, when it is a fixable unmap of an
    // address.
    auto UnmapOf = [&](const Stmt *S) -> std::optional<ApiCall> {
      const CallExpr *Call = nullptr;
      if (const auto *E = dyn_cast<Expr>(S))
        Call = dyn_cast<CallExpr>(E->IgnoreParenImpCasts());
      if (const auto *DS = dyn_cast<DoStmt>(S)) // an unmap macro
        for (const Stmt *Child : DS->getBody()->children())
          if (const auto *CE = dyn_cast<CallExpr>(Child))
            if (auto R = resolveApiCall(CE, P.api(), Ctx); R && R->Entry->Unmap)
              Call = CE;
      std::optional<ApiCall> R;
      if (Call)
        R = resolveApiCall(Call, P.api(), Ctx);
      if (!R || !R->Entry->Unmap || !R->Entry->Unmap->ArgIsAddress ||
          R->Call->getNumArgs() <= R->Entry->Unmap->Arg || !R->Fixable)
        return std::nullopt;
      return R;
    };
    auto ArgText = [&](const ApiCall &C) {
      const Expr *Arg = C.Call->getArg(C.Entry->Unmap->Arg);
      return sourceText(Ctx, Arg->getSourceRange());
    };
    // Position on the stack (0: the most recent) of the live mapping named
    // \p Name, unless the name is ambiguous or already taken by the run.
    std::vector<bool> Taken(Live.size(), false);
    auto StackPos = [&](llvm::StringRef Name) -> std::optional<size_t> {
      std::optional<size_t> Found;
      for (size_t I = 0; I < Live.size(); ++I)
        if (Live[I].Name == Name) {
          if (Found)
            return std::nullopt;
          Found = I;
        }
      if (!Found || Taken[*Found])
        return std::nullopt;
      Taken[*Found] = true;
      return Found;
    };
    std::vector<const Stmt *> Run;
    std::vector<size_t> Pos;
    std::optional<ApiCall> First = UnmapOf(S1);
    std::optional<size_t> P1;
    if (First && ArgText(*First) == T.Mapping->Name &&
        (P1 = StackPos(T.Mapping->Name))) {
      Run.push_back(S1);
      Pos.push_back(*P1);
      for (const Stmt *S = nextSibling(Ctx, S1); S; S = nextSibling(Ctx, S)) {
        std::optional<ApiCall> U = UnmapOf(S);
        std::optional<size_t> PS;
        if (!U || !(PS = StackPos(ArgText(*U))))
          break;
        Run.push_back(S);
        Pos.push_back(*PS);
      }
    }
    std::vector<size_t> Order(Run.size());
    for (size_t I = 0; I < Order.size(); ++I)
      Order[I] = I;
    llvm::stable_sort(Order,
                      [&](size_t A, size_t B) { return Pos[A] < Pos[B]; });
    std::vector<CharSourceRange> Ranges;
    for (const Stmt *S : Run)
      Ranges.push_back(statementRange(Ctx, S));
    bool Valid = Run.size() >= 2 && llvm::all_of(Ranges, [](const auto &R) {
                   return R.isValid();
                 });
    for (size_t I = 0; Valid && I < Run.size(); ++I)
      if (Order[I] != I)
        Fixes.push_back(
            P.tu().replacement(Ranges[I], fileText(Ctx, Ranges[Order[I]])));
    if (!Fixes.empty())
      for (const Stmt *S : Run)
        RunOf.try_emplace(S, S1);
  }
  P.involve(*T.Mapping);
  P.involve(Top);
  P.report(*this, AC.NameLoc,
           "'" + T.Mapping->Name + "' released while '" + Top.Name +
               "' is the most recent local mapping; local mappings must be "
               "released in reverse order",
           std::move(Notes), std::move(Fixes));
}

} // namespace kmapcheck
