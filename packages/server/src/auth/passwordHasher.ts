import bcrypt from "bcryptjs";

// bcryptjs: pure JS, no native build step on a fresh machine.
const ROUNDS = 10;

export const hashPassword = (password: string) => bcrypt.hash(password, ROUNDS);
export const verifyPassword = (password: string, hash: string) => bcrypt.compare(password, hash);
