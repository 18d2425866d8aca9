#pragma once

#include <chrono>
#include <cstddef>
#include <iterator>
#include <list>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace AlertGate {

/// Connections waiting for their next request, keyed by an id (the socket descriptor), oldest first,
/// each with the deadline by which its request must have arrived. Pure bookkeeping: the
/// ConnectionGate decides what to park, evict and expire; this class only keeps the order.
template <typename Item> class ParkingLot
{
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    void park(int id, Item item, TimePoint deadline)
    /// Adds id as the newest entry. An id already parked is replaced and becomes the newest.
    {
        take(id);
        _order.push_back({id, std::move(item), deadline});
        _byId[id] = std::prev(_order.end());
    }

    Item* find(int id)
    /// The item parked under id, or null.
    {
        auto found = _byId.find(id);
        return found == _byId.end() ? nullptr : &found->second->item;
    }

    void setDeadline(int id, TimePoint deadline)
    {
        auto found = _byId.find(id);
        if (found != _byId.end())
            found->second->deadline = deadline;
    }

    std::optional<Item> take(int id)
    /// Removes id and returns its item; nothing if it was not parked.
    {
        auto found = _byId.find(id);
        if (found == _byId.end())
            return std::nullopt;
        std::optional<Item> item(std::move(found->second->item));
        _order.erase(found->second);
        _byId.erase(found);
        return item;
    }

    std::optional<int> oldest() const
    /// The id parked longest ago, the first to give way when the lot is full.
    {
        if (_order.empty())
            return std::nullopt;
        return _order.front().id;
    }

    std::vector<int> expired(TimePoint now) const
    /// Every id whose deadline is at or before now, oldest first.
    {
        std::vector<int> ids;
        for (const auto& entry : _order)
            if (entry.deadline <= now)
                ids.push_back(entry.id);
        return ids;
    }

    std::optional<TimePoint> nextDeadline() const
    /// The earliest deadline; nothing when the lot is empty.
    {
        std::optional<TimePoint> earliest;
        for (const auto& entry : _order)
            if (!earliest || entry.deadline < *earliest)
                earliest = entry.deadline;
        return earliest;
    }

    std::size_t size() const { return _order.size(); }

    std::vector<int> ids() const
    /// Every parked id, oldest first.
    {
        std::vector<int> all;
        for (const auto& entry : _order)
            all.push_back(entry.id);
        return all;
    }

private:
    struct Entry
    {
        int id;
        Item item;
        TimePoint deadline;
    };

    std::list<Entry> _order;
    std::unordered_map<int, typename std::list<Entry>::iterator> _byId;
};

} // namespace AlertGate
