#pragma once

#include <QStyledItemDelegate>

namespace th::ui {

/// Draws ghost nodes (referenced messages that are not in the case) in grey italics.
class GhostDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace th::ui
