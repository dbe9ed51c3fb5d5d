#pragma once

#include <QMetaType>
#include <QString>

namespace th::model {

/// A snapshot of a running import, for progress bars and the CLI.
struct ImportProgress {
    int filesDone = 0;
    int filesTotal = 0;
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0;
    int messages = 0;
    double elapsedSeconds = 0;
    QString currentFile;

    [[nodiscard]] double messagesPerSecond() const { return elapsedSeconds > 0 ? messages / elapsedSeconds : 0; }
    [[nodiscard]] double megabytesPerSecond() const { return elapsedSeconds > 0 ? bytesDone / 1e6 / elapsedSeconds : 0; }
    [[nodiscard]] int percent() const { return bytesTotal > 0 ? int(100 * bytesDone / bytesTotal) : 0; }
};

} // namespace th::model

Q_DECLARE_METATYPE(th::model::ImportProgress)
