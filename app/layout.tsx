import type { Metadata } from "next";
import "./globals.css";
import { TRPCReactProvider } from "./_trpc/client";

export const metadata: Metadata = {
  title: { default: "Muster", template: "%s · Muster" },
  description: "Removal of banned security software, endpoint by endpoint.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}
