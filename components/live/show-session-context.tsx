"use client";
import { createContext, useContext } from "react";

/** Shows the session of a pid in the sessions table; the live view provides it. Outside it, a no-op. */
export const ShowSessionContext = createContext<(pid: number) => void>(() => {});

export const useShowSession = (): ((pid: number) => void) => useContext(ShowSessionContext);
