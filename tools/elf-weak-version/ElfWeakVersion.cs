#nullable enable
// Marks version requirements of an ELF shared library weak when the system's library lacks them.
// Compiled twice: as an MSBuild inline task (Directory.Build.targets) and, with ELF_WEAK_VERSION_NO_TASK
// defined, into tests/SciTransfer.TorchInterop.Tests (the static class only, no MSBuild types).
//
// Why: TorchSharp 0.107's glue library libLibTorchSharp.so was linked against GCC 13's libstdc++ and
// asks for GLIBCXX_3.4.32, which Debian 12 (GCC 12, GLIBCXX_3.4.30) lacks, so the loader refuses it.
// The only 3.4.32 symbol it names is std::ios_base_library_init(), and no relocation uses it (GCC 13
// emits the reference only to pin the library order), so nothing is ever bound to it. A version
// requirement flagged VER_FLG_WEAK makes the loader accept a library without that version. The
// patch refuses to act unless every symbol of the version is unused by any relocation.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace SciTransfer.Build
{
    /// <summary>Reads ELF64 little-endian version sections and flags missing version needs weak.</summary>
    public static class ElfWeakVersion
    {
        /// <summary>vna_flags bit: the requirement is weak (glibc accepts its absence).</summary>
        public const ushort VerFlagWeak = 2;

        private const uint ShtRela = 4;
        private const uint ShtDynsym = 11;
        private const uint ShtGnuVerdef = 0x6ffffffd;
        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const uint ShtGnuVersym = 0x6fffffff;

        /// <summary>One needed version: the library it is needed from, its name, index, flags and where vna_flags lies.</summary>
        public sealed class VersionNeed
        {
            public VersionNeed(string file, string name, ushort index, ushort flags, long flagsOffset)
            {
                File = file;
                Name = name;
                Index = index;
                Flags = flags;
                FlagsOffset = flagsOffset;
            }

            public string File { get; }
            public string Name { get; }
            public ushort Index { get; }
            public ushort Flags { get; }
            public long FlagsOffset { get; }
        }

        private sealed class Section
        {
            public uint Type;
            public long Offset;
            public long Size;
            public uint Link;
            public long EntSize;
        }

        /// <summary>The versions an ELF file defines (.gnu.version_d), e.g. GLIBCXX_3.4.30 for libstdc++.so.6.</summary>
        public static HashSet<string> DefinedVersions(byte[] elf)
        {
            var sections = Sections(elf);
            var result = new HashSet<string>(StringComparer.Ordinal);
            foreach (var s in sections)
            {
                if (s.Type != ShtGnuVerdef)
                {
                    continue;
                }

                var str = sections[(int)s.Link];
                long off = s.Offset;
                while (true)
                {
                    ushort cnt = U16(elf, off + 6);
                    uint aux = U32(elf, off + 12);
                    uint next = U32(elf, off + 16);
                    long a = off + aux;
                    for (int i = 0; i < cnt; i++)
                    {
                        result.Add(CString(elf, str.Offset + U32(elf, a)));
                        uint anext = U32(elf, a + 4);
                        if (anext == 0)
                        {
                            break;
                        }

                        a += anext;
                    }

                    if (next == 0)
                    {
                        break;
                    }

                    off += next;
                }
            }

            return result;
        }

        /// <summary>Every version requirement of the file (.gnu.version_r).</summary>
        public static List<VersionNeed> VersionNeeds(byte[] elf)
        {
            var sections = Sections(elf);
            var result = new List<VersionNeed>();
            foreach (var s in sections)
            {
                if (s.Type != ShtGnuVerneed)
                {
                    continue;
                }

                var str = sections[(int)s.Link];
                long off = s.Offset;
                while (true)
                {
                    ushort cnt = U16(elf, off + 2);
                    string file = CString(elf, str.Offset + U32(elf, off + 4));
                    uint aux = U32(elf, off + 8);
                    uint next = U32(elf, off + 12);
                    long a = off + aux;
                    for (int i = 0; i < cnt; i++)
                    {
                        ushort flags = U16(elf, a + 4);
                        ushort other = U16(elf, a + 6);
                        string name = CString(elf, str.Offset + U32(elf, a + 8));
                        result.Add(new VersionNeed(file, name, other, flags, a + 4));
                        uint anext = U32(elf, a + 12);
                        if (anext == 0)
                        {
                            break;
                        }

                        a += anext;
                    }

                    if (next == 0)
                    {
                        break;
                    }

                    off += next;
                }
            }

            return result;
        }

        /// <summary>
        /// Names of the dynamic symbols bound to version <paramref name="versionIndex"/>, and how many
        /// relocations (.rela.dyn, .rela.plt) refer to any of them.
        /// </summary>
        public static (List<string> Symbols, int Relocations) SymbolsOfVersion(byte[] elf, ushort versionIndex)
        {
            var sections = Sections(elf);
            Section? dynsym = null, versym = null;
            foreach (var s in sections)
            {
                if (s.Type == ShtDynsym)
                {
                    dynsym = s;
                }
                else if (s.Type == ShtGnuVersym)
                {
                    versym = s;
                }
            }

            var names = new List<string>();
            var indices = new HashSet<long>();
            if (dynsym is null || versym is null)
            {
                return (names, 0);
            }

            var str = sections[(int)dynsym.Link];
            long count = dynsym.Size / 24;
            for (long i = 0; i < count; i++)
            {
                ushort v = (ushort)(U16(elf, versym.Offset + (2 * i)) & 0x7fff);
                if (v == versionIndex)
                {
                    indices.Add(i);
                    names.Add(CString(elf, str.Offset + U32(elf, dynsym.Offset + (24 * i))));
                }
            }

            int relocations = 0;
            foreach (var s in sections)
            {
                if (s.Type != ShtRela || s.Link >= sections.Count || sections[(int)s.Link] != dynsym)
                {
                    continue;
                }

                for (long r = s.Offset; r + 24 <= s.Offset + s.Size; r += 24)
                {
                    ulong info = U64(elf, r + 8);
                    if (indices.Contains((long)(info >> 32)))
                    {
                        relocations++;
                    }
                }
            }

            return (names, relocations);
        }

        /// <summary>
        /// Flags weak every requirement on <paramref name="neededFile"/> whose version is not in
        /// <paramref name="available"/>, provided no relocation uses a symbol of that version (else
        /// throws: a weak flag would then only move the failure to run time). Returns the names flagged.
        /// </summary>
        public static List<string> WeakenMissing(byte[] elf, string neededFile, ISet<string> available)
        {
            var flagged = new List<string>();
            foreach (var need in VersionNeeds(elf))
            {
                if (need.File != neededFile || available.Contains(need.Name) || (need.Flags & VerFlagWeak) != 0)
                {
                    continue;
                }

                var (symbols, relocations) = SymbolsOfVersion(elf, need.Index);
                if (relocations != 0)
                {
                    throw new InvalidDataException(
                        $"{need.Name} (from {neededFile}) is missing on this system and {relocations} relocation(s) use its symbols ({string.Join(", ", symbols)}); marking it weak would not make the library work.");
                }

                byte[] flags = BitConverter.GetBytes((ushort)(need.Flags | VerFlagWeak));
                elf[need.FlagsOffset] = flags[0];
                elf[need.FlagsOffset + 1] = flags[1];
                flagged.Add(need.Name + " (" + string.Join(", ", symbols) + ")");
            }

            return flagged;
        }

        /// <summary>Path of the libstdc++.so.6 the loader would pick on a Debian-like system, or null.</summary>
        public static string? FindSystemLibrary(string soname)
        {
            string[] dirs =
            {
                "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
                "/lib64", "/usr/lib64", "/lib", "/usr/lib",
            };
            foreach (var d in dirs)
            {
                var p = Path.Combine(d, soname);
                if (File.Exists(p))
                {
                    return p;
                }
            }

            return null;
        }

        private static List<Section> Sections(byte[] elf)
        {
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            {
                throw new InvalidDataException("not an ELF file");
            }

            if (elf[4] != 2 || elf[5] != 1)
            {
                throw new InvalidDataException("only 64-bit little-endian ELF files are supported");
            }

            long shoff = (long)U64(elf, 0x28);
            ushort shentsize = U16(elf, 0x3a);
            ushort shnum = U16(elf, 0x3c);
            var list = new List<Section>(shnum);
            for (int i = 0; i < shnum; i++)
            {
                long h = shoff + ((long)i * shentsize);
                list.Add(new Section
                {
                    Type = U32(elf, h + 4),
                    Offset = (long)U64(elf, h + 0x18),
                    Size = (long)U64(elf, h + 0x20),
                    Link = U32(elf, h + 0x28),
                    EntSize = (long)U64(elf, h + 0x38),
                });
            }

            return list;
        }

        private static ushort U16(byte[] b, long o) => BitConverter.ToUInt16(b, checked((int)o));

        private static uint U32(byte[] b, long o) => BitConverter.ToUInt32(b, checked((int)o));

        private static ulong U64(byte[] b, long o) => BitConverter.ToUInt64(b, checked((int)o));

        private static string CString(byte[] b, long o)
        {
            int start = checked((int)o), end = start;
            while (b[end] != 0)
            {
                end++;
            }

            return Encoding.ASCII.GetString(b, start, end - start);
        }
    }

#if !ELF_WEAK_VERSION_NO_TASK
    /// <summary>
    /// MSBuild task: for each library in <see cref="Libraries"/>, flags weak the version requirements
    /// on libstdc++.so.6 that the system's libstdc++ does not define. Writes a new file (never in place,
    /// so a hard link into the NuGet cache is not modified) with the original time stamp.
    /// </summary>
    public sealed class WeakenMissingGlibcxxVersions : Microsoft.Build.Utilities.Task
    {
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Libraries { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        public override bool Execute()
        {
            const string soname = "libstdc++.so.6";
            var system = ElfWeakVersion.FindSystemLibrary(soname);
            if (system is null)
            {
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal, $"ElfWeakVersion: no system {soname} found; nothing to patch.");
                return true;
            }

            var available = ElfWeakVersion.DefinedVersions(File.ReadAllBytes(system));
            foreach (var item in Libraries)
            {
                string path = item.ItemSpec;
                if (!File.Exists(path))
                {
                    continue;
                }

                byte[] elf = File.ReadAllBytes(path);
                List<string> flagged;
                try
                {
                    flagged = ElfWeakVersion.WeakenMissing(elf, soname, available);
                }
                catch (InvalidDataException e)
                {
                    Log.LogError($"ElfWeakVersion: {path}: {e.Message}");
                    return false;
                }

                if (flagged.Count == 0)
                {
                    continue;
                }

                var stamp = File.GetLastWriteTimeUtc(path);
                string temp = path + ".weak-tmp";
                File.Copy(path, temp, true); // a new inode with the original's mode
                File.WriteAllBytes(temp, elf);
                File.Delete(path);
                File.Move(temp, path);
                File.SetLastWriteTimeUtc(path, stamp);
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                    $"ElfWeakVersion: {Path.GetFileName(path)}: {system} lacks {string.Join("; ", flagged)}; marked weak (VER_FLG_WEAK).");
            }

            return true;
        }
    }
#endif
}
