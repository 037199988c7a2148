#pragma once
// Sizing of compute and network for a site's IT deployment: servers into racks under
// the rack power limit and U space (each UltraServer's servers in adjacent racks), racks
// into rows and halls, and the EFA fabric (multi-tier Clos) that joins the servers.

#include "model/catalog/catalog.h"
#include "model/result/run_result.h"
#include "model/site/site.h"
#include "model/sizing/fabric.h"

namespace headroom::model {

/// Places the deployment (or, when /it/ultraservers is "fill", as many UltraServers as
/// the halls' power and rack positions allow, and the interconnect at a PUE of 1) and
/// sizes its fabric. Problems go to diagnostics.
ComputeSizing sizeCompute(const Site& site, const Catalog& catalog, Diagnostics& diagnostics);

/// The same for exactly `ultraServers`, whatever the site file says.
ComputeSizing sizeCompute(const Site& site, const Catalog& catalog, long long ultraServers,
                          Diagnostics& diagnostics);

/// The same, given another sizing of the same site and catalog (sameSite): the most the
/// halls' power holds does not depend on the count, so it is taken from sameSite instead
/// of being searched again (a search designing a fabric per step, most of a sizing's
/// cost). What fill's count search in model/sim sizes again and again.
ComputeSizing sizeCompute(const Site& site, const Catalog& catalog, long long ultraServers,
                          const ComputeSizing& sameSite, Diagnostics& diagnostics);

/// The EFA fabric joining `servers` servers of the site's platform on its switch, at a
/// leaf oversubscription of r:1 (the site's, or another for a trade-off).
FabricDesign designFabric(const Site& site, const Catalog& catalog, long long servers,
                          double oversubscription, Diagnostics& diagnostics);

/// The compute and network lines of the bill of materials ("compute", "network").
std::vector<BomLine> computeBillOfMaterials(const Site& site, const ComputeSizing& sizing);

} // namespace headroom::model
