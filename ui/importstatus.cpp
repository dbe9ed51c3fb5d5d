#include "importstatus.h"

#include "model/importprogress.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace th::ui {

ImportStatus::ImportStatus(QWidget *parent)
    : QWidget(parent), m_label(new QLabel(this)), m_bar(new QProgressBar(this)), m_cancel(new QToolButton(this))
{
    m_label->setObjectName(QStringLiteral("importLabel"));
    m_bar->setRange(0, 100);
    m_bar->setMaximumWidth(200);
    m_cancel->setText(tr("Cancel"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    connect(m_cancel, &QToolButton::clicked, this, &ImportStatus::cancelRequested);
    end({});
}

void ImportStatus::begin()
{
    m_bar->setValue(0);
    m_bar->show();
    m_cancel->show();
    m_label->setText(tr("Importing..."));
}

void ImportStatus::update(const model::ImportProgress &p)
{
    m_bar->setValue(p.percent());
    m_label->setText(tr("Importing %1: %2 messages, %3 MB, %4 msg/s (%5 MB/s)")
                         .arg(QFileInfo(p.currentFile).fileName()).arg(p.messages)
                         .arg(p.bytesDone / 1e6, 0, 'f', 1).arg(p.messagesPerSecond(), 0, 'f', 0)
                         .arg(p.megabytesPerSecond(), 0, 'f', 1));
}

void ImportStatus::end(const QString &summary)
{
    m_bar->hide();
    m_cancel->hide();
    m_label->setText(summary);
}

} // namespace th::ui
