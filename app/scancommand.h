#pragma once

#include <QStringList>

namespace th::app {

/// `threadhound scan INPUT... --json OUT.json`: import, thread, write the JSON report.
///
/// Exit status: 0 on success; 1 on a usage error or when the report cannot be written;
/// 2 when some input could not be read (the report still covers everything else).
class ScanCommand
{
public:
    [[nodiscard]] static int run(const QStringList &arguments);
};

} // namespace th::app
