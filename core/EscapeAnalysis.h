//===- EscapeAnalysis.h - Where a mapping's address goes --------*- C++ -*-===//
//
// A kmap_local_page() address is valid only in the task and context that
// made it; a conversion to it needs the address to stay in the function. This
// file answers that on the AST, for all paths at once: the address held in a
// local variable escapes when it is returned, stored anywhere but a local
// variable (which is then followed), kept in an initializer, when the
// variable's address is taken, or when it is handed to an API the model says
// keeps it (rules/api escapes_args).
//
// The path engine tracks the same escapes on each path (stores to memory
// that outlives the function, returns), including those inside TU-local
// callees the AST of one function cannot show; a check sees them through
// PathCheck::onEscape and PathContext::escapeSite().
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_CORE_ESCAPEANALYSIS_H
#define KMAPCHECK_CORE_ESCAPEANALYSIS_H

#include "core/ApiCallResolver.h"
#include "core/StmtUtils.h"
#include "core/TUContext.h"
#include <optional>
#include <string>

namespace kmapcheck {

/// Why an address escapes, and where.
struct AstEscape {
  std::string Why; // "the address is returned to the caller"
  clang::SourceLocation Where;
};

/// Why the address held in local variable \p V escapes the function whose
/// body \p Body indexes (the first escape found), or nothing.
std::optional<AstEscape> findEscape(TUContext &Ctx, const BodyIndex &Body,
                                    const clang::VarDecl *V);

/// Whether the modeled call \p AC keeps its argument \p I beyond the call
/// (stores it, or hands it to deferred work).
bool keepsArgument(const ApiCall &AC, unsigned I);

} // namespace kmapcheck

#endif
