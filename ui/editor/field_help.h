#pragma once
// The help pane's text for a site field (F1 on a field of the property editor): what it
// is, what it takes, its range, its default in the open document and where that comes
// from, and its choices. Everything from the site field table (model/site/site_fields.h),
// the rows the reader checks, so help and checks cannot disagree.

#include "ui/document/site_document.h"

#include <QString>

namespace headroom::ui {

/// HTML for the field at pointer ("/cooling/supply_air/max"; array indices are any
/// index); a line saying the field table does not describe it when it does not.
QString fieldHelpHtml(const QString& pointer, const Json& document);

} // namespace headroom::ui
