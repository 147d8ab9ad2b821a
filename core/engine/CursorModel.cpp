//===- CursorModel.cpp - Cursors into a mapping and how far they reach ----===//
//
// kunmap_local() and kunmap_atomic() accept any address inside the mapped
// page, not one past it. Kernel code often keeps a cursor into the mapping
// (z_stream's next_out, base + off) and unmaps the cursor instead of the
// address the map returned. Two things move a cursor to the end of the page:
//   - a callee that advances it: one without a body whose rules/api entry
//     says so (zlib_inflate() moves strm->next_out forward by up to
//     strm->avail_out bytes), modeled here, or a TU-local body the engine
//     follows (o->pos += n), recorded here at the bind;
//   - an offset whose range, from the constraint manager, reaches the page
//     size (src = (src & ~PAGE_MASK) + 1; p = kmap_local_page(pg) + src).
// At an unmap, describeCursor() gives the largest value the argument's
// offset can take on the path, when every part of it has a known bound
// (never a guess: an unbounded part leaves it unset), and where the cursor
// last moved.
//
//===----------------------------------------------------------------------===//
#include "core/engine/EngineChecker.h"

#include "clang/AST/ASTContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SValBuilder.h"

using namespace clang;
using namespace clang::ento;

namespace {
/// A callee's advance: the call and the rules/api cursor it moved.
struct Advance {
  const clang::CallExpr *Call;
  const kmapcheck::AdvanceSpec *Spec;
  bool operator==(const Advance &O) const {
    return Call == O.Call && Spec == O.Spec;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(Call);
    ID.AddPointer(Spec);
  }
};
/// An increment of a cursor in a body the engine followed.
struct Move {
  const clang::Stmt *Site;
  const clang::Decl *Fn;
  bool operator==(const Move &O) const { return Site == O.Site && Fn == O.Fn; }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(Site);
    ID.AddPointer(Fn);
  }
};
} // namespace

// The bytes left in the window after an advance (a fresh symbol), by the
// advance that made it.
REGISTER_MAP_WITH_PROGRAMSTATE(CursorAdvances, SymbolRef, Advance)
// The last increment of a cursor into a mapping, by mapping.
REGISTER_MAP_WITH_PROGRAMSTATE(CursorMoves, SymbolRef, Move)

namespace kmapcheck {

/// The record field named \p Name of the struct \p Arg points to.
static const FieldDecl *fieldOf(const Expr *Arg, StringRef Name) {
  QualType T = Arg->IgnoreParenImpCasts()->getType();
  if (!T->isPointerType())
    return nullptr;
  const RecordDecl *RD = T->getPointeeType()->getAsRecordDecl();
  if (!RD || !RD->getDefinition())
    return nullptr;
  for (const FieldDecl *FD : RD->getDefinition()->fields())
    if (FD->getName() == Name)
      return FD;
  return nullptr;
}

ProgramStateRef KmapEngineChecker::modelAdvance(ProgramStateRef St,
                                                const ModeledCall &MC,
                                                CheckerContext &C) const {
  const LocationContext *LC = C.getLocationContext();
  SValBuilder &SVB = C.getSValBuilder();
  // What the call is given, before it runs.
  struct Window {
    const AdvanceSpec *Spec;
    const MemRegion *Cursor, *Left;
    SVal OldCursor, OldLeft;
    QualType LeftT, CursorT;
  };
  llvm::SmallVector<Window, 2> Windows;
  for (const AdvanceSpec &A : MC.AC.Entry->Advances) {
    if (A.Arg >= MC.Call.getNumArgs())
      continue;
    const Expr *ArgE = MC.Call.getArgExpr(A.Arg);
    const FieldDecl *CurF = fieldOf(ArgE, A.Field);
    const FieldDecl *LeftF = fieldOf(ArgE, A.Limit);
    SVal Base = MC.Call.getArgSVal(A.Arg);
    if (!CurF || !LeftF || !Base.getAs<Loc>() ||
        !CurF->getType()->isPointerType() || !LeftF->getType()->isIntegerType())
      continue;
    SVal CurL = St->getLValue(CurF, Base), LeftL = St->getLValue(LeftF, Base);
    const MemRegion *CurR = CurL.getAsRegion(), *LeftR = LeftL.getAsRegion();
    if (!CurR || !LeftR)
      continue;
    SVal Old = St->getSVal(CurR, CurF->getType());
    SymbolRef M = baseSymbol(Old);
    if (!M || !St->get<Mappings>(M))
      continue; // the cursor holds no mapping: nothing to follow
    Windows.push_back({&A, CurR, LeftR, Old,
                       St->getSVal(LeftR, LeftF->getType()), LeftF->getType(),
                       CurF->getType()});
  }
  // The call may change what its pointer arguments reach (the pinned
  // lvalues keep their values: IdentityModel.cpp).
  St = MC.Call.invalidateRegions(C.blockCount(), St);
  for (const Window &W : Windows) {
    auto OldLeft = W.OldLeft.getAs<NonLoc>();
    if (!OldLeft)
      continue;
    // The bytes left after the call: some A in [0, the bytes left before];
    // the cursor moved forward by (before - A).
    DefinedOrUnknownSVal Left =
        SVB.conjureSymbolVal(W.Spec, MC.CE, LC, W.LeftT, C.blockCount());
    auto LeftNL = Left.getAs<NonLoc>();
    if (!LeftNL)
      continue;
    BasicValueFactory &BVF = SVB.getBasicValueFactory();
    ProgramStateRef In;
    if (auto CI = OldLeft->getAs<nonloc::ConcreteInt>()) {
      llvm::APSInt Hi = BVF.Convert(W.LeftT, CI->getValue());
      In = St->assumeInclusiveRange(*LeftNL, BVF.getValue(0, W.LeftT),
                                    BVF.getValue(Hi), true);
    } else {
      SVal Le =
          SVB.evalBinOp(St, BO_LE, *LeftNL, *OldLeft, C.getASTContext().IntTy);
      auto D = Le.getAs<DefinedOrUnknownSVal>();
      In = D ? St->assume(*D, true) : St;
    }
    if (!In)
      continue;
    St = In;
    SVal By = SVB.evalBinOp(St, BO_Sub, *OldLeft, *LeftNL, W.LeftT);
    SVal NewCursor = SVB.evalBinOp(St, BO_Add, W.OldCursor, By, W.CursorT);
    if (NewCursor.isUnknownOrUndef() || !baseSymbol(NewCursor))
      continue;
    St = St->bindLoc(loc::MemRegionVal(W.Left), Left, LC,
                     /*notifyChanges=*/false);
    St = St->bindLoc(loc::MemRegionVal(W.Cursor), NewCursor, LC,
                     /*notifyChanges=*/false);
    St = repin(St, W.Cursor, NewCursor);
    if (SymbolRef A = Left.getAsSymbol())
      St = St->set<CursorAdvances>(A, Advance{MC.CE, W.Spec});
  }
  return St;
}

ProgramStateRef KmapEngineChecker::recordCursorMove(ProgramStateRef St,
                                                    SVal Val, const Stmt *S,
                                                    CheckerContext &C) const {
  SymbolRef M = baseSymbol(Val);
  if (!M || !St->get<Mappings>(M))
    return St;
  bool Increment = false;
  if (const auto *CAO = dyn_cast_or_null<CompoundAssignOperator>(S))
    Increment = CAO->getOpcode() == BO_AddAssign;
  else if (const auto *UO = dyn_cast_or_null<UnaryOperator>(S))
    Increment = UO->isIncrementOp();
  if (Increment) {
    const auto *ER = dyn_cast_or_null<ElementRegion>(Val.getAsRegion());
    if (ER && !ER->getIndex().isZeroConstant())
      return St->set<CursorMoves>(M, Move{S, C.getStackFrame()->getDecl()});
    return St;
  }
  // Any other store of the mapping's address starts a new cursor.
  if (St->get<CursorMoves>(M))
    St = St->remove<CursorMoves>(M);
  return St;
}

namespace {
/// An offset as a sum of constant multiples of symbols plus a constant.
struct Linear {
  llvm::SmallVector<std::pair<SymbolRef, int64_t>, 4> Terms;
  int64_t Const = 0;
  bool Ok = true;
  static constexpr int64_t Limit = int64_t(1) << 40;

  static std::optional<int64_t> value(const llvm::APSInt &V) {
    if (V.getBitWidth() > 64)
      return std::nullopt;
    int64_t X;
    if (V.isUnsigned() && V.getBitWidth() < 64)
      X = int64_t(V.getZExtValue());
    else
      X = V.getSExtValue(); // 64-bit unsigned wraps like the address does
    if (X > Limit || X < -Limit)
      return std::nullopt;
    return X;
  }
  void addConst(int64_t Coeff, const llvm::APSInt &V) {
    std::optional<int64_t> X = value(V);
    if (!X) {
      Ok = false;
      return;
    }
    Const += Coeff * *X;
  }
  void add(SymbolRef S, int64_t Coeff, unsigned Depth = 0) {
    if (!Ok)
      return;
    if (Depth > 8 || Coeff > Limit || Coeff < -Limit) {
      Ok = false;
      return;
    }
    if (const auto *SI = dyn_cast<SymIntExpr>(S)) {
      switch (SI->getOpcode()) {
      case BO_Add:
        add(SI->getLHS(), Coeff, Depth + 1);
        return addConst(Coeff, SI->getRHS());
      case BO_Sub:
        add(SI->getLHS(), Coeff, Depth + 1);
        return addConst(-Coeff, SI->getRHS());
      case BO_Mul:
        if (std::optional<int64_t> X = value(SI->getRHS()))
          return add(SI->getLHS(), Coeff * *X, Depth + 1);
        Ok = false;
        return;
      default:
        break;
      }
    } else if (const auto *IS = dyn_cast<IntSymExpr>(S)) {
      switch (IS->getOpcode()) {
      case BO_Add:
        addConst(Coeff, IS->getLHS());
        return add(IS->getRHS(), Coeff, Depth + 1);
      case BO_Sub:
        addConst(Coeff, IS->getLHS());
        return add(IS->getRHS(), -Coeff, Depth + 1);
      default:
        break;
      }
    } else if (const auto *SS = dyn_cast<SymSymExpr>(S)) {
      switch (SS->getOpcode()) {
      case BO_Add:
        add(SS->getLHS(), Coeff, Depth + 1);
        return add(SS->getRHS(), Coeff, Depth + 1);
      case BO_Sub:
        add(SS->getLHS(), Coeff, Depth + 1);
        return add(SS->getRHS(), -Coeff, Depth + 1);
      default:
        break;
      }
    } else if (const auto *SC = dyn_cast<SymbolCast>(S)) {
      if (SC->getType()->isIntegerType() &&
          SC->getOperand()->getType()->isIntegerType())
        return add(SC->getOperand(), Coeff, Depth + 1);
    }
    for (auto &T : Terms)
      if (T.first == S) {
        T.second += Coeff;
        return;
      }
    Terms.push_back({S, Coeff});
  }
  void add(SVal V, int64_t Coeff) {
    if (auto CI = V.getAs<nonloc::ConcreteInt>())
      return addConst(Coeff, CI->getValue());
    if (SymbolRef S = V.getAsSymbol())
      return add(S, Coeff);
    Ok = false;
  }
};
} // namespace

/// The largest (\p Up) or smallest value \p S can take on \p St, found by
/// asking the constraint manager (which infers ranges of x & C, x % C and
/// the path's comparisons); none when that end is the type's own limit or
/// lies past a megabyte (the offset is then not known to be bounded).
static std::optional<int64_t> extreme(ProgramStateRef St, SymbolRef S, bool Up,
                                      SValBuilder &SVB) {
  constexpr int64_t Lim = int64_t(1) << 20;
  QualType T = S->getType();
  if (!T->isIntegerType())
    return std::nullopt;
  BasicValueFactory &BVF = SVB.getBasicValueFactory();
  APSIntType IT = BVF.getAPSIntType(T);
  if (IT.getBitWidth() > 64)
    return std::nullopt;
  auto Clamp = [&](const llvm::APSInt &V) {
    if (V.isUnsigned())
      return V.getZExtValue() > uint64_t(Lim) ? Lim + 1
                                              : int64_t(V.getZExtValue());
    int64_t X = V.getSExtValue();
    return X > Lim ? Lim + 1 : X < -Lim ? -Lim - 1 : X;
  };
  const int64_t TMin = Clamp(IT.getMinValue()), TMax = Clamp(IT.getMaxValue());
  auto Feasible = [&](int64_t V) {
    SVal Cond = SVB.evalBinOp(St, Up ? BO_GE : BO_LE, nonloc::SymbolVal(S),
                              SVB.makeIntVal(V, T), SVB.getConditionType());
    auto D = Cond.getAs<DefinedOrUnknownSVal>();
    return !D || bool(St->assume(*D, true));
  };
  if (Up) {
    // The largest V with S >= V feasible; the type's maximum is no bound.
    int64_t Lo = std::max(TMin, -Lim), Hi = std::min(TMax, Lim + 1);
    if (Feasible(Hi) || !Feasible(Lo))
      return std::nullopt;
    while (Hi - Lo > 1) {
      int64_t Mid = Lo + (Hi - Lo) / 2;
      (Feasible(Mid) ? Lo : Hi) = Mid;
    }
    return Lo;
  }
  // The smallest V with S <= V feasible; a signed type's minimum is no
  // bound, an unsigned one's (0) is.
  int64_t Lo = std::max(TMin, -Lim - 1), Hi = std::min(TMax, Lim);
  if (!Feasible(Hi))
    return std::nullopt;
  if (Feasible(Lo))
    return IT.isUnsigned() && Lo == 0 ? std::optional<int64_t>(0)
                                      : std::nullopt;
  while (Hi - Lo > 1) {
    int64_t Mid = Lo + (Hi - Lo) / 2;
    (Feasible(Mid) ? Hi : Lo) = Mid;
  }
  return Hi;
}

void KmapEngineChecker::describeCursor(ProgramStateRef St, SVal Arg,
                                       UnmapTarget &T,
                                       CheckerContext &C) const {
  if (!T.Mapping)
    return;
  SymbolRef M = T.Mapping->Id;
  ASTContext &Ctx = C.getASTContext();
  // The offset from the mapping's start, through the element regions of
  // pointer arithmetic.
  Linear L;
  const MemRegion *R = Arg.getAsRegion();
  const ElementRegion *Only = nullptr;
  unsigned Levels = 0;
  while (const auto *ER = dyn_cast_or_null<ElementRegion>(R)) {
    QualType ET = ER->getElementType();
    int64_t Size = 1;
    if (!ET->isVoidType() && !ET->isCharType()) {
      if (ET->isIncompleteType())
        return;
      Size = Ctx.getTypeSizeInChars(ET).getQuantity();
    }
    L.add(ER->getIndex(), Size);
    Only = Size == 1 ? ER : nullptr;
    ++Levels;
    R = ER->getSuperRegion();
  }
  const auto *SR = dyn_cast_or_null<SymbolicRegion>(R);
  if (!SR || SR->getSymbol() != M || !L.Ok)
    return;

  // Where the cursor moved: the callee whose advance is a part of the
  // offset, else the last increment the engine followed.
  for (auto &Term : L.Terms)
    if (const Advance *A = St->get<CursorAdvances>(Term.first)) {
      T.MovedAt = A->Call;
      std::string Callee = "the callee";
      if (const auto &AC = E->resolve(A->Call))
        Callee = AC->Spelled;
      T.MovedBy = Callee + "()";
      std::string Prefix;
      if (A->Spec->Arg < A->Call->getNumArgs()) {
        const Expr *AE = A->Call->getArg(A->Spec->Arg)->IgnoreParenImpCasts();
        if (const auto *UO = dyn_cast<UnaryOperator>(AE);
            UO && UO->getOpcode() == UO_AddrOf)
          Prefix = E->exprText(UO->getSubExpr()->IgnoreParens()) + ".";
        else
          Prefix = E->exprText(AE) + "->";
      }
      T.MovedNote = T.MovedBy + " advances '" + Prefix + A->Spec->Field +
                    "' by up to '" + Prefix + A->Spec->Limit + "' bytes here";
    }
  if (!T.MovedAt)
    if (const Move *Mv = St->get<CursorMoves>(M)) {
      T.MovedAt = Mv->Site;
      const Expr *Lhs = nullptr;
      if (const auto *CAO = dyn_cast<CompoundAssignOperator>(Mv->Site))
        Lhs = CAO->getLHS();
      else if (const auto *UO = dyn_cast<UnaryOperator>(Mv->Site))
        Lhs = UO->getSubExpr();
      const auto *Fn = dyn_cast_or_null<FunctionDecl>(Mv->Fn);
      if (Fn && Fn != E->Top)
        T.MovedBy = Fn->getNameAsString() + "()";
      T.MovedNote = "'" + E->exprText(Lhs) + "' advanced here";
    }

  // One symbol, at most: the path's constraints that relate two parts of
  // an offset (src < dst) are on their combination, which the sum of their
  // separate bounds cannot see; such an offset is not judged.
  unsigned Parts = 0;
  for (auto &Term : L.Terms)
    Parts += Term.second != 0;
  if (Parts == 0) {
    T.MaxOffset = L.Const; // the parts cancel (next_out -= done)
    return;
  }
  if (Parts != 1)
    return; // not judged
  // The largest value: the symbol at the end of its range that raises the
  // sum, when that end is a real bound (not its type's limit).
  SValBuilder &SVB = C.getSValBuilder();
  int64_t Max = L.Const;
  for (auto &[S, Coeff] : L.Terms) {
    if (Coeff == 0)
      continue;
    std::optional<int64_t> End = extreme(St, S, /*Up=*/Coeff > 0, SVB);
    if (!End)
      return;
    Max += Coeff * *End;
  }
  // The constraint manager may know more about the whole index than the
  // sum of its parts: it must allow the offset to reach the page's end.
  const int64_t PageSize = int64_t(E->Ctx.api().pageSize());
  if (PageSize && Max >= PageSize && Levels == 1 && Only) {
    SVal Idx = Only->getIndex();
    QualType IT = Ctx.LongLongTy;
    SVal Ge =
        SVB.evalBinOp(St, BO_GE, Idx, SVB.makeIntVal(PageSize, IT), Ctx.IntTy);
    if (auto D = Ge.getAs<DefinedOrUnknownSVal>())
      if (!St->assume(*D, true))
        return;
  }
  T.MaxOffset = Max;
}

} // namespace kmapcheck
