import { adminProcedure, protectedProcedure, router } from "../init";
import { createUser, listUsers, updateUser, ZCreateUserSchema, ZUpdateUserSchema } from "../../users/service";
import { ALL } from "../../access/scope";

export const usersRouter = router({
  me: protectedProcedure.query(({ ctx }) => ctx.viewer),
  list: adminProcedure.query(({ ctx }) => listUsers(ctx.db, ALL)),
  create: adminProcedure.input(ZCreateUserSchema).mutation(async ({ ctx, input }) => {
    const { user, generatedPassword } = await createUser(ctx.db, ctx.actor, input);
    return { id: user.id, email: user.email, generatedPassword };
  }),
  update: adminProcedure.input(ZUpdateUserSchema).mutation(({ ctx, input }) => {
    const u = updateUser(ctx.db, ctx.actor, input);
    return { id: u.id, role: u.role, disabled: u.disabled };
  }),
});
