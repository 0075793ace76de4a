export * from "./agencies";
export * from "./users";
export * from "./endpoints";
export * from "./software";
export * from "./policy";
export * from "./stats";
export * from "./audit";
