#pragma once

#include <QByteArray>
#include <QStringList>

namespace th::model {

enum class SourceFormat { Eml, Mbox, MaildirMessage, Pst, OutlookMsg };

[[nodiscard]] QString toString(SourceFormat format);

/// One evidence file that was imported (or could not be): its identity and what came of it.
struct SourceFile {
    QString path;         ///< absolute
    SourceFormat format = SourceFormat::Eml;
    qint64 size = 0;
    QByteArray sha256;    ///< hex, of the whole file as read at import
    QString error;        ///< why the file could not be read; empty on success
    QStringList warnings; ///< items inside a container (PST) that could not be read
    int messageCount = 0; ///< messages read from it, duplicates included

    [[nodiscard]] bool failed() const { return !error.isEmpty(); }
};

} // namespace th::model
