"use client";
import type { CommandsView } from "@/lib/commands";
import { usePolled, type Polled } from "@/components/ui/use-polled";

export type CommandsResource = Polled<CommandsView>;

/** The target's commands now and every 3 s while mounted (running flags, last runs). */
export const useCommands = (targetId: string): CommandsResource => usePolled<CommandsView>(`/api/targets/${encodeURIComponent(targetId)}/commands`, 3000);
