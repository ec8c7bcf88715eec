package dev.consentflow.engine;

/**
 * Changes to a table that every node hears of: a trigger on the table notifies a PostgreSQL channel when the change
 * commits, and the one connection of each node that listens for the engine's definition changes listens there too
 * ({@code DefinitionChanges}). What a node keeps of such a table is good while the channel's
 * generation is the one taken before it was read: any change heard of since, and any time the node did not listen,
 * moves it on.
 */
public interface ChangeNotices {

    /**
     * The channel's generation now, to be taken before reading what it guards; negative while this node does not
     * hear the channel (not yet listening there, or its connection broke): then nothing read may be kept.
     */
    long generation(String channel);

    /** A change this node made (or took back) and knows of before its notice arrives: the generation moves on now. */
    void changed(String channel);
}
