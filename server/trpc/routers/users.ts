import { adminProcedure, protectedProcedure, router } from "../init";
import { z } from "zod";
import { LOCALES } from "../../i18n/locales";
import { createUser, listUsers, setOwnLocale, updateUser, ZCreateUserSchema, ZUpdateUserSchema } from "../../users/service";
import { ALL } from "../../access/scope";

export const usersRouter = router({
  me: protectedProcedure.query(({ ctx }) => ctx.viewer),
  /** Every signed-in person chooses their own language (null: follow the browser). */
  setLocale: protectedProcedure.input(z.object({ locale: z.enum(LOCALES).nullable() })).mutation(({ ctx, input }) => {
    setOwnLocale(ctx.db, { ...ctx.actor, userId: ctx.viewer.id }, input.locale);
    return { locale: input.locale };
  }),
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
