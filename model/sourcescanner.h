#pragma once

#include "sourcefile.h"

#include <QList>
#include <QStringList>

#include <optional>

namespace th::model {

/// Expands the paths an analyst dropped in into evidence files with their formats, in a stable order.
///
/// A file named explicitly is always imported (sniffed as PST, Outlook MSG, mbox, else a single
/// message). Inside folders, Maildir cur/new entries are messages, and other files are imported when
/// their extension or first bytes say mail; the rest (READMEs, licences, images) is listed as skipped.
class SourceScanner
{
public:
    struct Result {
        QList<SourceFile> files;
        QStringList skipped; ///< files inside folders that are not mail
        QStringList missing; ///< named paths that do not exist or cannot be listed
    };

    [[nodiscard]] static Result scan(const QStringList &paths);
    /// Detects the format of one file from its name and first bytes; nullopt if it does not look like mail.
    [[nodiscard]] static std::optional<SourceFormat> sniff(const QString &path, bool named);
};

} // namespace th::model
