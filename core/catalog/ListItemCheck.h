#pragma once

#include "core/catalog/Setting.h"

#include <QString>

namespace ssod::core::catalog {

/**
 * Why \a item cannot go into the list parameter \a parameter, in words a helpdesk reader can act
 * on ("contains a space", "has no server after the /", "still holds the placeholder host"), or an
 * empty string when it can. The CLI (through makeRequest) and the wizards share this one check,
 * so a placeholder or a bare * is refused the same way everywhere.
 */
QString listItemProblem(const Parameter &parameter, const QString &item);

} // namespace ssod::core::catalog
