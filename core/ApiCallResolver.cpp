//===- ApiCallResolver.cpp ------------------------------------------------===//
#include "core/ApiCallResolver.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"

namespace kmapcheck {
using namespace clang;

SourceLocation userWrittenLoc(SourceLocation Loc, const SourceManager &SM,
                              const LangOptions &LO, std::string *MacroName) {
  while (Loc.isMacroID()) {
    if (SM.isMacroArgExpansion(Loc)) {
      Loc = SM.getImmediateSpellingLoc(Loc);
      continue;
    }
    if (MacroName)
      *MacroName = Lexer::getImmediateMacroName(Loc, SM, LO).str();
    return SourceLocation();
  }
  return Loc;
}

namespace {
struct ChainLink {
  std::string Macro;         // macro whose body holds the token
  SourceLocation Invocation; // that macro's name token at its invocation
};
} // namespace

/// The macros whose bodies contain \p Loc, innermost first. Macro arguments
/// are followed to where they were written.
static std::vector<ChainLink>
macroChain(SourceLocation Loc, const SourceManager &SM, const LangOptions &LO) {
  std::vector<ChainLink> Chain;
  while (Loc.isMacroID()) {
    if (SM.isMacroArgExpansion(Loc)) {
      Loc = SM.getImmediateSpellingLoc(Loc);
      continue;
    }
    ChainLink L;
    L.Macro = Lexer::getImmediateMacroName(Loc, SM, LO).str();
    L.Invocation = SM.getImmediateExpansionRange(Loc).getBegin();
    Chain.push_back(L);
    Loc = L.Invocation;
  }
  return Chain;
}

std::optional<ApiCall> resolveApiCall(const CallExpr *CE, const ApiModel &Api,
                                      ASTContext &Ctx) {
  const FunctionDecl *FD = CE->getDirectCallee();
  if (!FD || !FD->getIdentifier())
    return std::nullopt;
  llvm::StringRef Callee = FD->getName();
  // Every way below to name an API needs the callee to be modeled (an API
  // function, or the function an API macro expands to): most calls are not,
  // and their macro chains need not be walked.
  if (!Api.isModeled(Callee))
    return std::nullopt;
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();

  ApiCall R;
  R.Call = CE;
  SourceLocation CalleeLoc = CE->getCallee()->getExprLoc();
  std::vector<ChainLink> Chain = macroChain(CalleeLoc, SM, LO);

  // The outermost API macro in the chain that is declared to expand to this
  // callee names the API (spin_lock_irqsave, kunmap_atomic, ...).
  SourceLocation Spelled;
  for (const ChainLink &L : llvm::reverse(Chain)) {
    const ApiEntry *E = Api.lookupName(L.Macro);
    if (E && llvm::is_contained(E->Callees, Callee.str())) {
      R.Entry = E;
      R.Spelled = L.Macro;
      Spelled = L.Invocation;
      break;
    }
  }
  if (!R.Entry) {
    if (const ApiEntry *E = Api.lookupName(Callee)) {
      R.Entry = E;
    } else if (auto Macros = Api.macrosExpandingTo(Callee);
               !Macros.empty() && Callee == "__" + Macros.front()->Name) {
      // The implementation of an API macro called directly (__kunmap_atomic
      // for kunmap_atomic); shared primitives (__preempt_count_add, also
      // used by local_bh_disable) are not the API.
      R.Entry = Macros.front();
    } else {
      return std::nullopt;
    }
    R.Spelled = Callee.str();
    Spelled = CalleeLoc;
  }

  R.NameLoc = userWrittenLoc(Spelled, SM, LO, &R.EnclosingMacro);
  R.Fixable = R.NameLoc.isValid();
  if (!R.Fixable)
    R.NameLoc = SM.getExpansionLoc(Spelled);
  if (R.Fixable) {
    // The whole use: from the name to the closing parenthesis.
    SourceLocation End = userWrittenLoc(CE->getRParenLoc(), SM, LO);
    if (Spelled != CalleeLoc) {
      // An API macro: its invocation ends where the expansion range ends.
      End = SM.getImmediateExpansionRange(
                  SM.isMacroArgExpansion(CalleeLoc)
                      ? SM.getImmediateSpellingLoc(CalleeLoc)
                      : CalleeLoc)
                .getEnd();
      // Find the invocation whose name token is Spelled.
      SourceLocation L = CalleeLoc;
      while (L.isMacroID()) {
        if (SM.isMacroArgExpansion(L)) {
          L = SM.getImmediateSpellingLoc(L);
          continue;
        }
        CharSourceRange ER = SM.getImmediateExpansionRange(L);
        if (ER.getBegin() == Spelled) {
          End = userWrittenLoc(ER.getEnd(), SM, LO);
          break;
        }
        L = ER.getBegin();
      }
    }
    if (End.isValid() && SM.getFileID(End) == SM.getFileID(R.NameLoc))
      R.UseRange = CharSourceRange::getTokenRange(R.NameLoc, End);
    else
      R.Fixable = false;
  }
  SourceLocation Exp = SM.getExpansionLoc(R.NameLoc);
  std::tie(R.File, R.Offset) = SM.getDecomposedLoc(Exp);
  return R;
}

} // namespace kmapcheck
