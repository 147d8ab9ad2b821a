//===- InputSelection.h - Which TUs to analyse, with which commands -*- C++
//-*-===//
#ifndef KMAPCHECK_TOOL_INPUTSELECTION_H
#define KMAPCHECK_TOOL_INPUTSELECTION_H

#include "tool/CompileDatabase.h"
#include "tool/Options.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace kmapcheck {

/// The commands to run, from one of the three input modes: the reference
/// scenarios (no argument), files with fixed compiler arguments (after
/// '--'), or a compile database (-p, or found upward from the first path),
/// restricted to the paths given. Warnings (a path that selects nothing)
/// and the demo notice go to \p Err; an error means nothing to analyse.
llvm::Expected<std::vector<CompileCommand>>
selectInputs(const Options &O, llvm::StringRef DataDir, llvm::raw_ostream &Err);

/// Whether the run is the demo: --demo, or no path, no '--', no -p and no
/// compile database found upward from the current directory.
bool wantsDemo(const Options &O);

/// \p P made absolute against the current directory, without dots.
std::string absolutePath(llvm::StringRef P);

} // namespace kmapcheck

#endif
