#include "sourcehighlighter.h"

#include <QFutureWatcher>
#include <QProcess>
#include <QStandardPaths>
#include <QtConcurrent>

namespace th::ui {

SourceHighlighter::SourceHighlighter(QObject *parent) : QObject(parent) {}

QString SourceHighlighter::program()
{
    return QStandardPaths::findExecutable(QStringLiteral("kate-syntax-highlighter"));
}

QString SourceHighlighter::run(const QString &text, const QString &syntax, QString *error)
{
    const QString exe = program();
    if (exe.isEmpty()) {
        *error = tr("kate-syntax-highlighter is not installed (package libkf5syntaxhighlighting-tools)");
        return {};
    }
    if (text.size() > MaxInputChars) {
        *error = tr("message too large to highlight (%1 characters)").arg(text.size());
        return {};
    }
    QProcess p;
    p.start(exe, {QStringLiteral("--stdin"), QStringLiteral("-s"), syntax, QStringLiteral("-f"), QStringLiteral("html"),
                  QStringLiteral("-t"), QStringLiteral("Breeze Light")});
    p.write(text.toUtf8());
    p.closeWriteChannel();
    if (!p.waitForFinished(TimeoutMs)) {
        p.kill();
        p.waitForFinished(1000);
        *error = tr("highlighter timed out after %1 s").arg(TimeoutMs / 1000);
        return {};
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = tr("highlighter failed: %1").arg(QString::fromLocal8Bit(p.readAllStandardError()).trimmed());
        return {};
    }
    return QString::fromUtf8(p.readAllStandardOutput());
}

void SourceHighlighter::highlight(quint64 request, const QString &text, const QString &syntax)
{
    struct Outcome {
        QString html;
        QString error;
    };
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher, request] {
        const Outcome o = watcher->result();
        watcher->deleteLater();
        if (o.html.isEmpty())
            Q_EMIT failed(request, o.error);
        else
            Q_EMIT highlighted(request, o.html);
    });
    watcher->setFuture(QtConcurrent::run([text, syntax] {
        Outcome o;
        o.html = run(text, syntax, &o.error);
        return o;
    }));
}

} // namespace th::ui
