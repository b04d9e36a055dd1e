"use client";
import { createContext, useContext, type ReactNode } from "react";
import { can, deniedReason, type Permission, type Role } from "@/lib/permissions";

/** Who is logged in, as the layout read it on the server (null on the login page). */
export interface SessionUser {
  username: string;
  role: Role;
}

const CurrentUserContext = createContext<SessionUser | null>(null);

export function CurrentUserProvider({ user, children }: { user: SessionUser | null; children: ReactNode }) {
  return <CurrentUserContext.Provider value={user}>{children}</CurrentUserContext.Provider>;
}

export function useCurrentUser(): SessionUser | null {
  return useContext(CurrentUserContext);
}

/** null when the current user may do it, else e.g. "Requires the operator role (you are a viewer)". The server checks anyway. */
export function useDeniedReason(permission: Permission): string | null {
  const user = useCurrentUser();
  return can(user?.role, permission) ? null : (deniedReason(user?.role, permission) ?? "Not allowed");
}
