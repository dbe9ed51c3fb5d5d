#pragma once

#include "mailstore.h"
#include "thread.h"

#include <QAbstractItemModel>

#include <memory>

namespace th::model {

/// One thread as a tree: stored messages and ghost nodes (referenced, not in the case).
class ThreadTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { SubjectColumn, FromColumn, DateColumn, ColumnCount };
    enum Roles {
        MessageRole = Qt::UserRole + 1, ///< int: MailStore index, -1 for a ghost
        GhostRole,                      ///< bool
        MessageIdRole,                  ///< QString
    };

    explicit ThreadTreeModel(QObject *parent = nullptr);

    void setThread(std::shared_ptr<const MailStore> store, std::shared_ptr<const ThreadSet> threads, int thread);
    void clear();
    [[nodiscard]] const ThreadNode *node(const QModelIndex &index) const;
    [[nodiscard]] QModelIndex indexOfMessage(int message) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    [[nodiscard]] const Thread *currentThread() const;
    [[nodiscard]] QModelIndex indexOfNode(int node, int column) const;
    [[nodiscard]] QVariant display(const ThreadNode &n, int column) const;

    std::shared_ptr<const MailStore> m_store;
    std::shared_ptr<const ThreadSet> m_threads;
    int m_thread = -1;
};

} // namespace th::model
