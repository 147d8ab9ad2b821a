//===- Renderers.h - Output formats -----------------------------*- C++ -*-===//
//
// Checks emit Findings; only renderers know formats.
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_TOOL_RENDERERS_H
#define KMAPCHECK_TOOL_RENDERERS_H

#include "core/Finding.h"
#include "core/RulesLoader.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

namespace kmapcheck {

struct ToolError {
  std::string File;    // the TU
  std::string Message; // "file:line:col: error: ..." or "file: error: ..."
};

/// clang style: "file:line:col: warning: message [check-id]", the source line
/// with a caret, then the notes.
/// A source line longer than a screen is cut around the column, as clang
/// does. With \p Errors, the TUs that could not be analysed follow (for a
/// report written to a file; on a terminal they are on stderr).
void renderText(llvm::raw_ostream &OS, llvm::ArrayRef<Finding> Findings,
                llvm::ArrayRef<ToolError> Errors = {});

/// {"version":1,"findings":[...],"tool_errors":[...]}
void renderJson(llvm::raw_ostream &OS, llvm::ArrayRef<Finding> Findings,
                llvm::ArrayRef<ToolError> Errors);

/// The names --format accepts, in the order --help lists them.
llvm::ArrayRef<llvm::StringRef> reportFormats();

/// The report in a stream format is written by renderReport()
/// (tool/Report.h), which also knows the CI formats.

/// --explain: a check's summary, description, options and its bad and good
/// examples.
void renderExplain(llvm::raw_ostream &OS, const CheckSpec &C);

/// The clang-apply-replacements YAML format (clang-tidy --export-fixes).
void renderExportFixes(llvm::raw_ostream &OS, llvm::ArrayRef<Finding> Findings);

} // namespace kmapcheck

#endif
