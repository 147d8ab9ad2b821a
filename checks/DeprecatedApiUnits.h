//===- DeprecatedApiUnits.h - Conversion units ------------------*- C++ -*-===//
//
// The deprecated calls of one function as sites (each map with the local
// variable it assigns and the page it maps, each unmap with the variable or
// page it releases), grouped into conversion units: one local variable
// holding the address, the maps that assign it and the unmaps that release
// it. A unit is converted whole, or not at all; the reason it is not is its
// NoFix. Local mappings (kmap_local_page()) form units too: they are not
// converted, but the converted ones must nest with them.
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_CHECKS_DEPRECATEDAPIUNITS_H
#define KMAPCHECK_CHECKS_DEPRECATEDAPIUNITS_H

#include "core/ApiCallResolver.h"
#include "core/Reliance.h"
#include "core/StmtUtils.h"
#include "core/TUContext.h"
#include "llvm/ADT/FoldingSet.h"
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace kmapcheck {

struct MapSite {
  ApiCall C;
  const clang::VarDecl *Var = nullptr; // the local variable assigned
  llvm::FoldingSetNodeID Page;         // profile of the page argument
  bool HasPage = false;
};

struct UnmapSite {
  ApiCall C;
  const clang::VarDecl *Base = nullptr; // for address unmaps
  llvm::FoldingSetNodeID Page;          // for kunmap(page)
};

struct ConversionUnit {
  MapKind Kind = MapKind::Atomic;
  const clang::VarDecl *Var = nullptr;
  std::vector<MapSite *> Maps;
  std::vector<UnmapSite *> Unmaps;
  /// Source offsets from the first map to the last map or unmap.
  unsigned Begin = 0, End = 0;
  std::string NoFix; // why there is no fix-it; empty when there is one
  clang::SourceLocation NoFixLoc;
  /// What a kmap_atomic() section relied on, which the fix-it keeps.
  Reliance Needs;
  std::vector<Replacement> Fixes;

  /// Records why there is no fix-it; the first reason found is kept.
  void fail(std::string Why, clang::SourceLocation L) {
    if (!NoFix.empty())
      return;
    NoFix = std::move(Why);
    NoFixLoc = L;
  }
};

/// A call of a deprecated API by its own name (not its implementation's).
bool isDeprecatedUse(const ApiCall &C);
/// 'kmap_atomic'
std::string apiName(const ApiCall &C);

/// One function's sites and conversion units.
class FunctionUnits {
public:
  FunctionUnits(TUContext &Ctx, const clang::FunctionDecl *FD);

  TUContext &Ctx;
  const clang::FunctionDecl *FD;
  BodyIndex Body;
  clang::FileID BodyFile;

  std::vector<std::unique_ptr<MapSite>> Maps;
  std::vector<std::unique_ptr<UnmapSite>> Unmaps;
  /// In order of their first map.
  std::vector<std::unique_ptr<ConversionUnit>> Units;
  /// The kmap() units.
  std::vector<ConversionUnit *> GlobalUnits;
  /// Source intervals of the local and atomic units: the local mapping
  /// stack as the source shows it.
  std::vector<std::pair<unsigned, unsigned>> StackIntervals;

  /// The unit of a site, or null.
  ConversionUnit *unitOf(const MapSite *M) const;
  ConversionUnit *unitOf(const UnmapSite *U) const;

  unsigned offsetOf(clang::SourceLocation L) const;
  bool inBodyFile(clang::SourceLocation L) const;
  std::string lineOf(clang::SourceLocation L) const;

private:
  void collectSites();
  void groupUnits();
  const clang::VarDecl *assignedVar(const clang::CallExpr *CE) const;
  void profile(const clang::Expr *E, llvm::FoldingSetNodeID &ID) const;

  std::map<const MapSite *, ConversionUnit *> UnitOfMap;
  std::map<const UnmapSite *, ConversionUnit *> UnitOfUnmap;
};

} // namespace kmapcheck

#endif
