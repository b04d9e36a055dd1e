"use client";
import { createContext, useContext } from "react";

/** Leads to a session's row in the Sessions table, switching to it and highlighting the row. */
export const ShowSessionContext = createContext<(pid: number) => void>(() => {});

export const useShowSession = () => useContext(ShowSessionContext);
